#include "gui/panes/ChatPane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"
#include "gui/chat/ChatListModel.h"
#include "gui/chat/ChatSettingsDialog.h"
#include "gui/chat/ConversationView.h"
#include "gui/chat/FolderTree.h"
#include "gui/chat/SearchDialog.h"

#include <QApplication>
#include <QBuffer>
#include <QClipboard>
#include <QComboBox>
#include <QContextMenuEvent>
#include <QDateTime>
#include <QDir>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHBoxLayout>
#include <QImage>
#include <QInputDialog>
#include <QKeyEvent>
#include <QLabel>
#include <QLineEdit>
#include <QListView>
#include <QMenu>
#include <QMessageBox>
#include <QMimeData>
#include <QPageSize>
#include <QPdfWriter>
#include <QProgressDialog>
#include <QPushButton>
#include <QSaveFile>
#include <QSettings>
#include <QShortcut>
#include <QSplitter>
#include <QStackedWidget>
#include <QStandardPaths>
#include <QTextDocument>
#include <QToolButton>
#include <QTreeWidgetItem>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrentRun>

namespace cairn {

void ComposerEdit::keyPressEvent(QKeyEvent *event)
{
    const bool enter = event->key() == Qt::Key_Return || event->key() == Qt::Key_Enter;
    if (enter) {
        const bool shift = event->modifiers() & Qt::ShiftModifier;
        if (shift != m_enterSends) { // Enter sends, Shift+Enter breaks the line (or swapped)
            Q_EMIT submitted();
            return;
        }
        insertPlainText(QStringLiteral("\n"));
        return;
    }
    QPlainTextEdit::keyPressEvent(event);
}

void ComposerEdit::contextMenuEvent(QContextMenuEvent *event)
{
    std::unique_ptr<QMenu> menu(createStandardContextMenu());
    menu->addSeparator();
    QAction *enter = menu->addAction(tr("Enter sends (Shift+Enter breaks the line)"));
    enter->setCheckable(true);
    enter->setChecked(m_enterSends);
    connect(enter, &QAction::toggled, this, [this](bool on) {
        m_enterSends = on;
        Q_EMIT enterSendsToggled(on);
    });
    menu->exec(event->globalPos());
}

bool ComposerEdit::canInsertFromMimeData(const QMimeData *source) const
{
    return source->hasUrls() || source->hasImage() || QPlainTextEdit::canInsertFromMimeData(source);
}

void ComposerEdit::insertFromMimeData(const QMimeData *source)
{
    QStringList paths;
    for (const QUrl &url : source->urls()) {
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    }
    if (!paths.isEmpty()) { // dropped or pasted files become attachments, not their paths as text
        Q_EMIT filesAdded(paths);
        return;
    }
    if (source->hasImage()) {
        const QImage image = qvariant_cast<QImage>(source->imageData());
        QByteArray png;
        QBuffer buffer(&png);
        if (!image.isNull() && buffer.open(QIODevice::WriteOnly) && image.save(&buffer, "PNG")) {
            Q_EMIT imagePasted(png);
            return;
        }
    }
    QPlainTextEdit::insertFromMimeData(source);
}

ChatPane::ChatPane(QWidget *parent)
    : QWidget(parent),
      m_empty(new EmptyState(GuiStyle::icon(QStringLiteral("chat")), tr("No conversations yet"),
          tr("Open a database to start chatting."), this))
{
    setObjectName(QStringLiteral("chatPane"));
    setAccessibleName(tr("Chat"));
    auto *layout = GuiStyle::paneLayout(
        this, tr("Chat"), tr("Talk with language models, locally or through a provider you choose."));
    layout->addWidget(m_empty, 1);
}

ChatPane::ChatPane(std::shared_ptr<Database> db, SecretStore *secrets, QWidget *parent)
    : QWidget(parent), m_backend(std::make_unique<ChatBackend>(std::move(db), secrets))
{
    setObjectName(QStringLiteral("chatPane"));
    setAccessibleName(tr("Chat"));
    buildUi();
    connect(m_backend.get(), &ChatBackend::modelsListed, this, &ChatPane::onModels);
    connect(m_backend.get(), &ChatBackend::chatCreated, this, &ChatPane::onChatCreated);
    connect(m_backend.get(), &ChatBackend::chatLoaded, this, &ChatPane::onChatLoaded);
    connect(m_backend.get(), &ChatBackend::messageAdded, this, &ChatPane::onMessageAdded);
    connect(m_backend.get(), &ChatBackend::answerDelta, m_view,
        [this](const QString &chatId, const QString &messageId, const QString &content,
            const QString &reasoning) {
            if (chatId == m_view->chatId())
                m_view->appendDelta(messageId, content, reasoning);
        });
    connect(m_backend.get(), &ChatBackend::answerFinished, this, &ChatPane::onAnswerFinished);
    connect(m_backend.get(), &ChatBackend::failed, this, &ChatPane::onFailed);
    connect(m_backend.get(), &ChatBackend::chatChanged, this, [this](const ChatRecord &c) {
        if (c.id == m_chatId)
            m_title->setText(c.title.isEmpty() ? tr("New chat") : c.title);
    });
    connect(m_backend.get(), &ChatBackend::chatDeleted, this, [this](const QString &id) {
        if (id == m_chatId) {
            m_chatId.clear();
            m_view->clear();
            updateState();
        }
    });
    connect(m_model, &ChatListModel::loaded, this, &ChatPane::updateState);
    connect(m_backend.get(), &ChatBackend::transferProgress, this, [this](int done, int total) {
        if (m_progress) {
            m_progress->setMaximum(std::max(total, 1));
            m_progress->setValue(done);
        }
    });
    connect(m_backend.get(), &ChatBackend::transferFinished, this, &ChatPane::onTransferFinished);
    connect(m_backend.get(), &ChatBackend::markdownRendered, this,
        [this](const QString &, const QString &markdown) { writePdf(markdown); });
    m_model->reload();
    m_backend->listModels();
    m_backend->listFolders();
}

ChatPane::~ChatPane() = default;

void ChatPane::buildUi()
{
    auto *outer = new QVBoxLayout(this);
    outer->setContentsMargins(0, 0, 0, 0);
    auto *splitter = new QSplitter(Qt::Horizontal, this);
    outer->addWidget(splitter);

    // Sidebar.
    auto *side = new QWidget(splitter);
    auto *sideLayout = new QVBoxLayout(side);
    sideLayout->setContentsMargins(8, 10, 4, 8);
    auto *newButton = new QPushButton(GuiStyle::icon(QStringLiteral("chat")), tr("New chat"), side);
    newButton->setObjectName(QStringLiteral("newChat"));
    newButton->setAccessibleName(tr("New chat"));
    newButton->setToolTip(tr("New chat (Ctrl+N)"));
    connect(newButton, &QPushButton::clicked, this, &ChatPane::newChat);
    sideLayout->addWidget(newButton);
    m_folders = new FolderTree(side);
    m_folders->setContextMenuPolicy(Qt::CustomContextMenu);
    m_folders->setMaximumHeight(180);
    sideLayout->addWidget(m_folders);
    connect(m_folders, &QTreeWidget::customContextMenuRequested, this, &ChatPane::showFolderMenu);
    connect(m_backend.get(), &ChatBackend::foldersListed, m_folders, &FolderTree::setFolders);
    connect(m_folders, &FolderTree::chatDropped, m_backend.get(), &ChatBackend::moveChat);
    connect(m_folders, &FolderTree::folderDropped, m_backend.get(), &ChatBackend::moveFolder);
    connect(m_folders, &FolderTree::expandedChanged, m_backend.get(), &ChatBackend::setFolderExpanded);
    m_model = new ChatListModel(m_backend.get(), this);
    connect(m_folders, &FolderTree::folderSelected, m_model, &ChatListModel::setFolder);
    m_list = new QListView(side);
    m_list->setObjectName(QStringLiteral("chatList"));
    m_list->setAccessibleName(tr("Chats"));
    m_list->setModel(m_model);
    m_list->setItemDelegate(new ChatListDelegate(m_list));
    m_list->setUniformItemSizes(false);
    m_list->setEditTriggers(QAbstractItemView::EditKeyPressed);
    m_list->setContextMenuPolicy(Qt::CustomContextMenu);
    m_list->setFrameShape(QFrame::NoFrame);
    m_list->setDragEnabled(true);
    m_list->setDragDropMode(QAbstractItemView::DragOnly);
    connect(m_list, &QListView::customContextMenuRequested, this, &ChatPane::showListMenu);
    connect(m_list->selectionModel(), &QItemSelectionModel::currentChanged, this,
        [this](const QModelIndex &index) {
            if (index.isValid())
                openChat(index.data(ChatListModel::IdRole).toString());
        });
    sideLayout->addWidget(m_list, 1);
    m_archivedToggle = new QToolButton(side);
    m_archivedToggle->setObjectName(QStringLiteral("archivedToggle"));
    m_archivedToggle->setCheckable(true);
    m_archivedToggle->setText(tr("Archived chats"));
    m_archivedToggle->setAccessibleName(tr("Show archived chats"));
    m_archivedToggle->setToolButtonStyle(Qt::ToolButtonTextOnly);
    connect(m_archivedToggle, &QToolButton::toggled, this, &ChatPane::setArchivedView);
    auto *bottom = new QHBoxLayout;
    bottom->addWidget(m_archivedToggle);
    bottom->addStretch(1);
    auto *more = new QToolButton(side);
    more->setObjectName(QStringLiteral("chatTransfer"));
    more->setText(tr("Import / Export"));
    more->setAccessibleName(tr("Import and export chats"));
    more->setPopupMode(QToolButton::InstantPopup);
    more->setMenu(buildTransferMenu());
    bottom->addWidget(more);
    sideLayout->addLayout(bottom);
    m_status = GuiStyle::note(QString(), side);
    m_status->setObjectName(QStringLiteral("chatStatus"));
    m_status->hide();
    sideLayout->addWidget(m_status);
    side->setMinimumWidth(220);

    // Conversation.
    auto *main = new QWidget(splitter);
    auto *mainLayout = new QVBoxLayout(main);
    mainLayout->setContentsMargins(12, 10, 12, 10);
    auto *header = new QHBoxLayout;
    m_title = GuiStyle::heading(tr("New chat"), main, 1.3);
    m_title->setObjectName(QStringLiteral("chatTitle"));
    header->addWidget(m_title, 1);
    m_models = new QComboBox(main);
    m_models->setObjectName(QStringLiteral("modelPicker"));
    m_models->setAccessibleName(tr("Model"));
    m_models->setMinimumContentsLength(24);
    m_models->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
    m_models->setEnabled(false); // until the backend lists the models
    connect(m_models, &QComboBox::activated, this, &ChatPane::onModelPicked);
    header->addWidget(m_models);
    auto *settings = new QToolButton(main);
    settings->setObjectName(QStringLiteral("chatSettingsButton"));
    settings->setText(tr("Settings\u2026"));
    settings->setAccessibleName(tr("Chat settings: system prompt and parameters"));
    connect(settings, &QToolButton::clicked, this, &ChatPane::openChatSettings);
    header->addWidget(settings);
    mainLayout->addLayout(header);

    m_pages = new QStackedWidget(main);
    m_empty = new EmptyState(GuiStyle::icon(QStringLiteral("chat")), tr("No conversations yet"),
        tr("Type a message below to start one. Cairn sends it to the model you pick above; add model servers "
           "in "
           "Admin \u2192 Connections."),
        m_pages);
    m_view = new ConversationView(m_pages);
    m_pages->addWidget(m_empty);
    m_pages->addWidget(m_view);
    mainLayout->addWidget(m_pages, 1);
    connect(
        m_view, &ConversationView::currentMessageChanged, m_backend.get(), &ChatBackend::setCurrentMessage);
    connect(m_view, &ConversationView::needMessages, m_backend.get(), &ChatBackend::loadMessages);
    connect(m_backend.get(), &ChatBackend::messagesLoaded, m_view, &ConversationView::mergeMessages);
    connect(m_view, &ConversationView::regenerateRequested, this, [this](const QString &answerId) {
        if (!m_chatId.isEmpty())
            m_backend->regenerate(m_chatId, answerId);
    });
    connect(m_view, &ConversationView::editRequested, this, [this](const QString &id, const QString &text) {
        bool ok = false;
        const QString edited = QInputDialog::getMultiLineText(this, tr("Edit message"),
            tr("The edited message becomes a new branch; the original stays one \u2039 \u203a away."), text,
            &ok);
        if (ok && !edited.trimmed().isEmpty() && edited != text)
            m_backend->editAndSend(m_chatId, id, edited);
    });
    connect(
        m_view, &ConversationView::deleteRequested, this, [this](const QString &id) { deleteMessage(id); });
    connect(m_view, &ConversationView::commentRequested, this, &ChatPane::commentOnRating);
    connect(m_view, &ConversationView::attachmentImageWanted, m_backend.get(), &ChatBackend::loadAttachment);
    connect(m_backend.get(), &ChatBackend::attachmentLoaded, m_view, &ConversationView::setAttachmentImage);
    connect(m_view, &ConversationView::sourceRequested, this,
        [this](int number, const QString &document, int position, const QString &text) {
            auto *box = new QMessageBox(QMessageBox::NoIcon,
                tr("[%1] %2, chunk %3").arg(number).arg(document).arg(position + 1), text, QMessageBox::Close,
                this);
            box->setObjectName(QStringLiteral("sourceView"));
            box->setTextFormat(Qt::PlainText); // the chunk is text, whatever it looks like
            box->setAttribute(Qt::WA_DeleteOnClose);
            box->setTextInteractionFlags(Qt::TextSelectableByMouse);
            box->open();
        });
    connect(m_view, &ConversationView::attachmentRequested, this, [this](const AttachmentRef &ref) {
        const QString path = QFileDialog::getSaveFileName(this, tr("Save attachment"),
            QDir(QStandardPaths::writableLocation(QStandardPaths::DownloadLocation)).filePath(ref.name));
        if (!path.isEmpty())
            saveAttachment(ref.id, path);
    });
    connect(m_backend.get(), &ChatBackend::attachmentSaved, this, [this](bool ok, const QString &message) {
        if (ok)
            m_status->setText(message);
        else
            GuiStyle::showError(m_error, message);
    });
    connect(m_view, &ConversationView::copyRequested, this,
        [](const QString &text) { QApplication::clipboard()->setText(text); });
    connect(m_view, &ConversationView::rateRequested, this, [this](const QString &id, int rating) {
        const MessageRecord *m = m_view->tree().find(id);
        m_backend->rateMessage(m_chatId, id, rating, rating != 0 && m ? m->ratingComment : QString());
    });

    m_error = GuiStyle::errorLabel(main);
    mainLayout->addWidget(m_error);
    m_attachBar = new QWidget(main);
    m_attachBar->setObjectName(QStringLiteral("attachments"));
    m_attachBar->setAccessibleName(tr("Attached files"));
    auto *attachLayout = new QHBoxLayout(m_attachBar);
    attachLayout->setContentsMargins(0, 0, 0, 0);
    attachLayout->addStretch(1);
    m_attachBar->hide();
    mainLayout->addWidget(m_attachBar);
    auto *composerRow = new QHBoxLayout;
    m_attach = new QToolButton(main);
    m_attach->setObjectName(QStringLiteral("attach"));
    m_attach->setText(tr("Attach\u2026"));
    m_attach->setAccessibleName(tr("Attach files"));
    m_attach->setToolTip(tr("Attach text files or images (or drop them on the message, or paste)"));
    connect(m_attach, &QToolButton::clicked, this, &ChatPane::pickAttachments);
    composerRow->addWidget(m_attach, 0, Qt::AlignBottom);
    m_composer = new ComposerEdit(main);
    m_composer->setObjectName(QStringLiteral("composer"));
    m_composer->setAccessibleName(tr("Message"));
    m_composer->setPlaceholderText(tr("Message the model (Enter sends, Shift+Enter breaks the line)"));
    m_composer->setTabChangesFocus(true);
    m_composer->setFixedHeight(m_composer->fontMetrics().lineSpacing() * 4 + 16);
    connect(m_composer, &ComposerEdit::submitted, this, &ChatPane::sendComposer);
    connect(m_composer, &ComposerEdit::filesAdded, this, [this](const QStringList &paths) {
        for (const QString &path : paths)
            addAttachment(path);
    });
    connect(m_composer, &ComposerEdit::imagePasted, this, &ChatPane::addPastedImage);
    connect(m_composer, &ComposerEdit::enterSendsToggled, this, [this](bool on) {
        if (m_settings)
            m_settings->setValue(QLatin1String(kEnterSendsKey), on);
        setSettings(m_settings); // the hint follows
    });
    composerRow->addWidget(m_composer, 1);
    m_send = new QPushButton(tr("Send"), main);
    m_send->setObjectName(QStringLiteral("send"));
    m_send->setAccessibleName(tr("Send"));
    connect(m_send, &QPushButton::clicked, this, [this] {
        if (m_streaming.contains(m_chatId))
            stopAnswer();
        else
            sendComposer();
    });
    composerRow->addWidget(m_send, 0, Qt::AlignBottom);
    mainLayout->addLayout(composerRow);
    splitter->setStretchFactor(1, 1);
    splitter->setSizes({260, 700});

    auto *newShortcut = new QShortcut(QKeySequence::New, this);
    newShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(newShortcut, &QShortcut::activated, this, &ChatPane::newChat);
    auto *searchShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::Key_K), this);
    searchShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(searchShortcut, &QShortcut::activated, this, &ChatPane::openSearch);
    auto *stopShortcut = new QShortcut(QKeySequence(Qt::Key_Escape), this);
    stopShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(stopShortcut, &QShortcut::activated, this, &ChatPane::stopAnswer);
    auto *copyShortcut = new QShortcut(QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_C), this);
    copyShortcut->setContext(Qt::WidgetWithChildrenShortcut);
    connect(copyShortcut, &QShortcut::activated, this, &ChatPane::copyLastAnswer);
    updateState();
}

QMenu *ChatPane::buildTransferMenu()
{
    auto *menu = new QMenu(this);
    const QString documents = QStandardPaths::writableLocation(QStandardPaths::DocumentsLocation);
    menu->addAction(tr("Import chats\u2026"), this, [this, documents] {
        const QString path = QFileDialog::getOpenFileName(
            this, tr("Import chats"), documents, tr("Chat exports (*.json);;All files (*)"));
        if (!path.isEmpty())
            importFrom(path);
    });
    menu->addSeparator();
    const auto exportAction
        = [this, menu, documents](const QString &label, const QString &format, bool oneChat) {
              menu->addAction(label, this, [this, documents, format, oneChat] {
                  if (oneChat && m_chatId.isEmpty())
                      return;
                  const QString suffix = format == QStringLiteral("md") ? QStringLiteral("md") : format;
                  const QString path = QFileDialog::getSaveFileName(this, tr("Export chats"),
                      QDir(documents).filePath(QStringLiteral("cairn-chats.") + suffix));
                  if (!path.isEmpty())
                      exportTo(path, format, oneChat ? m_chatId : QString());
              });
          };
    exportAction(tr("Export this chat as Markdown\u2026"), QStringLiteral("md"), true);
    exportAction(tr("Export this chat as PDF\u2026"), QStringLiteral("pdf"), true);
    exportAction(tr("Export this chat as JSON\u2026"), QStringLiteral("json"), true);
    exportAction(tr("Export all chats as JSON (lossless)\u2026"), QStringLiteral("json"), false);
    exportAction(tr("Export all chats as Markdown\u2026"), QStringLiteral("md"), false);
    return menu;
}

void ChatPane::importFrom(const QString &path)
{
    if (m_progress)
        return; // one transfer at a time
    m_progress = new QProgressDialog(tr("Importing chats\u2026"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("transferProgress"));
    m_progress->setWindowTitle(tr("Import"));
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, m_backend.get(), &ChatBackend::cancelTransfer);
    m_backend->importFile(path);
}

void ChatPane::exportTo(const QString &path, const QString &format, const QString &chatId)
{
    if (m_progress)
        return;
    m_progress = new QProgressDialog(tr("Exporting chats\u2026"), tr("Cancel"), 0, 0, this);
    m_progress->setObjectName(QStringLiteral("transferProgress"));
    m_progress->setWindowTitle(tr("Export"));
    m_progress->setMinimumDuration(300);
    connect(m_progress, &QProgressDialog::canceled, m_backend.get(), &ChatBackend::cancelTransfer);
    if (format == QStringLiteral("pdf")) {
        // The backend reads the chat as Markdown; the PDF is laid out from it on a pool thread.
        m_pdfTarget = path;
        m_pdfTitle = m_title->text();
        m_backend->renderMarkdown(chatId);
        return;
    }
    m_backend->exportFile(path, format, chatId);
}

void ChatPane::onTransferFinished(bool ok, const QString &message)
{
    if (m_progress) {
        m_progress->deleteLater();
        m_progress = nullptr;
    }
    m_pdfTarget.clear();
    const QString text = message;
    if (ok) {
        GuiStyle::showError(m_error, {});
        m_status->setText(text);
        m_status->show();
        m_model->reload(); // imported chats
    } else {
        GuiStyle::showError(m_error, text);
    }
}

void ChatPane::writePdf(const QString &markdown)
{
    const QString path = m_pdfTarget;
    const QString title = m_pdfTitle;
    m_pdfTarget.clear();
    if (path.isEmpty())
        return;
    // Laying out a long chat takes a while: it happens off the GUI thread. The file is written
    // whole or not at all, readable by the owner only from the first byte.
    auto *watcher = new QFutureWatcher<QString>(this);
    connect(watcher, &QFutureWatcher<QString>::finished, this, [this, watcher, path] {
        const QString error = watcher->result();
        watcher->deleteLater();
        onTransferFinished(
            error.isEmpty(), error.isEmpty() ? tr("Exported the chat to %1.").arg(path) : error);
    });
    watcher->setFuture(QtConcurrent::run([markdown, path, title]() -> QString {
        QTextDocument doc;
        doc.setMarkdown(markdown);
        QSaveFile file(path);
        if (!file.open(QIODevice::WriteOnly)
            || !file.setPermissions(QFileDevice::ReadOwner | QFileDevice::WriteOwner))
            return QCoreApplication::translate("cairn::ChatPane", "Cannot write %1: %2")
                .arg(path, file.errorString());
        {
            QPdfWriter pdf(&file);
            pdf.setPageSize(QPageSize(QPageSize::A4));
            pdf.setTitle(title);
            pdf.setCreator(QStringLiteral("Cairn"));
            doc.print(&pdf);
        }
        if (!file.commit())
            return QCoreApplication::translate("cairn::ChatPane", "Cannot write %1: %2")
                .arg(path, file.errorString());
        return {};
    }));
}

void ChatPane::setSettings(QSettings *settings)
{
    m_settings = settings;
    if (!m_composer)
        return;
    const bool enterSends = !settings || settings->value(QLatin1String(kEnterSendsKey), true).toBool();
    m_composer->setEnterSends(enterSends);
    m_composer->setPlaceholderText(enterSends
            ? tr("Message the model (Enter sends, Shift+Enter breaks the line)")
            : tr("Message the model (Shift+Enter sends, Enter breaks the line)"));
}

void ChatPane::updateState()
{
    if (!m_backend)
        return;
    m_pages->setCurrentWidget(
        m_chatId.isEmpty() && m_model->rowCount() == 0 ? static_cast<QWidget *>(m_empty) : m_view);
    const bool streaming = m_streaming.contains(m_chatId);
    m_send->setText(streaming ? tr("Stop") : tr("Send"));
    m_send->setAccessibleName(streaming ? tr("Stop the answer") : tr("Send"));
    m_send->setToolTip(streaming ? tr("Stop (Esc)") : tr("Send (Enter)"));
}

void ChatPane::onModels(const QList<ModelChoice> &models, const ModelRef &defaultModel)
{
    m_choices = models;
    m_models->clear();
    for (const ModelChoice &m : models)
        m_models->addItem(QStringLiteral("%1 \u2014 %2").arg(m.model, m.connectionName));
    if (models.isEmpty())
        m_models->addItem(tr("No models: add a connection in Admin"));
    m_models->setEnabled(!models.isEmpty());
    for (int i = 0; i < models.size(); ++i) {
        if (models[i].connectionId == defaultModel.connectionId && models[i].model == defaultModel.model)
            m_models->setCurrentIndex(i);
    }
}

void ChatPane::onModelPicked(int index)
{
    if (index < 0 || index >= m_choices.size() || m_chatId.isEmpty())
        return;
    m_backend->patchChat(m_chatId, [choice = m_choices[index]](ChatRecord &chat) {
        chat.connectionId = choice.connectionId;
        chat.model = choice.model;
    });
}

void ChatPane::newChat()
{
    if (!m_backend)
        return;
    const int i = m_models->currentIndex();
    const ModelChoice choice = i >= 0 && i < m_choices.size() ? m_choices[i] : ModelChoice {};
    m_backend->createChat(choice.connectionId, choice.model);
    m_composer->setFocus();
}

SearchDialog *ChatPane::openSearch()
{
    if (!m_backend)
        return nullptr;
    auto *dialog = new SearchDialog(m_backend.get(), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SearchDialog::openRequested, this, &ChatPane::openChatAt);
    dialog->show();
    dialog->queryEdit()->setFocus();
    return dialog;
}

void ChatPane::openChatAt(const QString &chatId, const QString &messageId)
{
    m_chatId = chatId;
    m_focusMessage = messageId;
    {
        const int row = m_model->rowOf(chatId);
        const QSignalBlocker block(m_list->selectionModel());
        if (row >= 0)
            m_list->setCurrentIndex(m_model->index(row));
    }
    if (messageId.isEmpty())
        m_backend->loadChat(chatId, ConversationView::kWindow);
    else
        m_backend->loadChatAt(chatId, messageId, ConversationView::kWindow);
    updateState();
}

void ChatPane::onChatCreated(const ChatRecord &chat)
{
    m_chatId = chat.id;
    m_view->setChat(chat, {});
    m_title->setText(tr("New chat"));
    const int row = m_model->rowOf(chat.id);
    if (row >= 0) {
        const QSignalBlocker block(m_list->selectionModel());
        m_list->setCurrentIndex(m_model->index(row));
    }
    if (!m_pendingText.isEmpty() || !m_pendingFiles.isEmpty()) {
        m_unsentChat = chat.id;
        m_backend->send(chat.id, m_pendingText, m_pendingFiles);
        m_pendingText.clear();
        m_pendingFiles.clear();
    }
    updateState();
}

void ChatPane::openChat(const QString &chatId)
{
    if (chatId == m_chatId && !m_view->chatId().isEmpty())
        return;
    m_chatId = chatId;
    m_backend->loadChat(chatId, ConversationView::kWindow);
    updateState();
}

void ChatPane::onChatLoaded(
    const ChatRecord &chat, const QList<MessageRecord> &messages, const QStringList &complete)
{
    if (chat.id != m_chatId)
        return;
    m_title->setText(chat.title.isEmpty() ? tr("New chat") : chat.title);
    m_view->setChat(chat, messages, complete);
    if (!m_focusMessage.isEmpty()) {
        m_view->scrollToMessage(m_focusMessage);
        m_focusMessage.clear();
    }
    for (int i = 0; i < m_choices.size(); ++i) {
        if (m_choices[i].connectionId == chat.connectionId && m_choices[i].model == chat.model)
            m_models->setCurrentIndex(i);
    }
    updateState();
}

void ChatPane::sendComposer()
{
    const QString text = m_composer->toPlainText();
    if ((text.trimmed().isEmpty() && m_attachments.isEmpty()) || m_streaming.contains(m_chatId))
        return;
    const QList<AttachmentInput> files = m_attachments;
    // Kept until the message is stored: if a file cannot be read after all, it comes back.
    m_unsentChat = m_chatId;
    m_unsentText = text;
    m_unsentFiles = files;
    m_composer->clear();
    m_attachments.clear();
    refreshAttachmentBar();
    GuiStyle::showError(m_error, {});
    if (m_chatId.isEmpty()) {
        m_pendingText = text;
        m_pendingFiles = files;
        newChat();
        return;
    }
    m_backend->send(m_chatId, text, files);
}

bool ChatPane::addAttachment(const QString &path)
{
    const QFileInfo info(path);
    QFile file(path);
    if (!info.isFile() || !file.open(QIODevice::ReadOnly)) {
        GuiStyle::showError(
            m_error, tr("Cannot attach \u201c%1\u201d: it is not a readable file.").arg(info.fileName()));
        return false;
    }
    if (m_attachments.size() >= Attachments::kMaxPerMessage) {
        GuiStyle::showError(
            m_error, tr("A message can carry up to %1 files.").arg(Attachments::kMaxPerMessage));
        return false;
    }
    // Checked now from the file's first bytes and size; read in full on the chat worker.
    Result<QString> kind = Attachments::classify(info.fileName(), file.peek(4096), info.size());
    if (!kind) {
        GuiStyle::showError(m_error, kind.error().message);
        return false;
    }
    m_attachments.append({info.fileName(), info.absoluteFilePath(), {}});
    refreshAttachmentBar();
    GuiStyle::showError(m_error, {});
    return true;
}

void ChatPane::addPastedImage(const QByteArray &png)
{
    if (m_attachments.size() >= Attachments::kMaxPerMessage)
        return;
    const QString name
        = tr("pasted-%1.png").arg(QDateTime::currentDateTime().toString(QStringLiteral("yyyyMMdd-HHmmss")));
    Result<QString> kind = Attachments::classify(name, png, png.size());
    if (!kind) {
        GuiStyle::showError(m_error, kind.error().message);
        return;
    }
    m_attachments.append({name, {}, png});
    refreshAttachmentBar();
    GuiStyle::showError(m_error, {});
}

void ChatPane::removeAttachment(int index)
{
    if (index < 0 || index >= m_attachments.size())
        return;
    m_attachments.removeAt(index);
    refreshAttachmentBar();
}

void ChatPane::refreshAttachmentBar()
{
    auto *layout = static_cast<QHBoxLayout *>(m_attachBar->layout());
    while (layout->count() > 1) { // the stretch stays last
        QLayoutItem *item = layout->takeAt(0);
        if (QWidget *chip = item->widget()) { // it may be the chip whose click got us here
            chip->hide();
            chip->deleteLater();
        }
        delete item;
    }
    for (int i = 0; i < m_attachments.size(); ++i) {
        const AttachmentInput &a = m_attachments[i];
        const qint64 size = a.path.isEmpty() ? a.data.size() : QFileInfo(a.path).size();
        auto *chip = new QToolButton(m_attachBar);
        chip->setObjectName(QStringLiteral("attachment%1").arg(i));
        chip->setText(QStringLiteral("%1 (%2) \u2715").arg(a.name, Attachments::sizeText(size)));
        chip->setAccessibleName(tr("Remove %1").arg(a.name));
        chip->setToolTip(tr("Remove %1 from the message").arg(a.name));
        connect(chip, &QToolButton::clicked, this, [this, i] { removeAttachment(i); });
        layout->insertWidget(i, chip);
    }
    m_attachBar->setVisible(!m_attachments.isEmpty());
}

void ChatPane::pickAttachments()
{
    const QStringList paths = QFileDialog::getOpenFileNames(this, tr("Attach files"), QString(),
        tr("Text files and images (*.txt *.md *.csv *.json *.xml *.yaml *.yml *.log *.py *.js *.ts *.c *.cpp "
           "*.h "
           "*.rs *.go *.java *.sh *.sql *.html *.css *.png *.jpg *.jpeg *.gif *.webp);;All files (*)"));
    for (const QString &path : paths)
        addAttachment(path);
}

void ChatPane::saveAttachment(const QString &attachmentId, const QString &path)
{
    m_backend->saveAttachment(attachmentId, path);
}

void ChatPane::deleteMessage(const QString &messageId, bool confirm)
{
    if (m_chatId.isEmpty() || !m_view->tree().find(messageId))
        return;
    if (confirm) {
        const int below = static_cast<int>(m_view->tree().pathTo(m_view->currentMessageId()).size()
            - m_view->tree().pathTo(messageId).size());
        const auto answer = QMessageBox::question(this, tr("Delete message"),
            below > 0 ? tr(
                "Delete this message and all replies below it (%n in the branch in view)?", nullptr, below)
                      : tr("Delete this message?"),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_backend->deleteMessage(m_chatId, messageId);
}

QInputDialog *ChatPane::commentOnRating(const QString &messageId)
{
    const MessageRecord *m = m_view->tree().find(messageId);
    if (!m || m->rating == 0)
        return nullptr;
    auto *dialog = new QInputDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("ratingComment"));
    dialog->setWindowTitle(m->rating > 0 ? tr("What was good?") : tr("What went wrong?"));
    dialog->setLabelText(tr("An optional comment on this answer, kept with the rating:"));
    dialog->setInputMode(QInputDialog::TextInput);
    dialog->setTextValue(m->ratingComment);
    const QString chatId = m_chatId;
    const int rating = m->rating;
    connect(dialog, &QInputDialog::textValueSelected, this,
        [this, chatId, messageId, rating](const QString &text) {
            m_view->setRatingComment(messageId, text.trimmed());
            m_backend->rateMessage(chatId, messageId, rating, text.trimmed());
        });
    dialog->open();
    return dialog;
}

void ChatPane::stopAnswer()
{
    if (!m_chatId.isEmpty() && m_streaming.contains(m_chatId))
        m_backend->stop(m_chatId);
}

void ChatPane::copyLastAnswer()
{
    const QString text = m_view->lastAnswerText();
    if (!text.isEmpty())
        QApplication::clipboard()->setText(text);
}

void ChatPane::onMessageAdded(const MessageRecord &message)
{
    if (message.role == QStringLiteral("user") && message.chatId == m_unsentChat) {
        m_unsentChat.clear();
        m_unsentText.clear();
        m_unsentFiles.clear();
    }
    if (message.status == QStringLiteral("streaming") && !m_streaming.contains(message.chatId))
        m_streaming.append(message.chatId);
    m_view->addMessage(message);
    updateState();
}

void ChatPane::onAnswerFinished(const MessageRecord &message)
{
    m_streaming.removeAll(message.chatId);
    m_view->finishMessage(message);
    updateState();
}

void ChatPane::onFailed(const QString &chatId, const QString &message)
{
    if (!m_unsentChat.isEmpty() && chatId == m_unsentChat) {
        // The message was not stored: what was typed and attached is back in the composer.
        if (chatId == m_chatId && m_composer->toPlainText().isEmpty() && m_attachments.isEmpty()) {
            m_composer->setPlainText(m_unsentText);
            m_attachments = m_unsentFiles;
            refreshAttachmentBar();
        }
        m_unsentChat.clear();
        m_unsentText.clear();
        m_unsentFiles.clear();
    }
    if (chatId.isEmpty() || chatId == m_chatId)
        GuiStyle::showError(m_error, message);
}

void ChatPane::setArchivedView(bool archived)
{
    m_model->setArchived(archived);
    m_archivedToggle->setChecked(archived);
}

void ChatPane::showListMenu(const QPoint &pos)
{
    const QModelIndex index = m_list->indexAt(pos);
    if (!index.isValid())
        return;
    const QString id = index.data(ChatListModel::IdRole).toString();
    const bool pinned = index.data(ChatListModel::PinnedRole).toBool();
    QMenu menu(this);
    menu.addAction(tr("Rename"), this, [this, id] { renameChat(id); });
    menu.addAction(pinned ? tr("Unpin") : tr("Pin"), this, [this, id] { togglePin(id); });
    menu.addAction(m_model->archived() ? tr("Restore from archive") : tr("Archive"), this,
        [this, id] { toggleArchive(id); });
    menu.addAction(tr("Tags\u2026"), this, [this, id, index] {
        bool ok = false;
        const QString text = QInputDialog::getText(this, tr("Tags"), tr("Tags, separated by commas:"),
            QLineEdit::Normal, m_model->record(index.row()).tags.join(QStringLiteral(", ")), &ok);
        if (ok)
            setChatTags(id, text.split(QLatin1Char(','), Qt::SkipEmptyParts));
    });
    QMenu *move = menu.addMenu(tr("Move to folder"));
    move->addAction(tr("Top level"), this, [this, id] { m_backend->moveChat(id, {}); });
    for (const FolderRecord &f : m_folders->folders())
        move->addAction(f.name, this, [this, id, folder = f.id] { m_backend->moveChat(id, folder); });
    menu.addSeparator();
    menu.addAction(tr("Delete\u2026"), this, [this, id] { deleteChat(id); });
    menu.exec(m_list->viewport()->mapToGlobal(pos));
}

void ChatPane::showFolderMenu(const QPoint &pos)
{
    QTreeWidgetItem *item = m_folders->itemAt(pos);
    const QString id = item ? item->data(0, FolderTree::kIdRole).toString() : QString();
    QMenu menu(this);
    menu.addAction(id.isEmpty() ? tr("New folder\u2026") : tr("New subfolder\u2026"), this, [this, id] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("New folder"), tr("Name:"), QLineEdit::Normal, {}, &ok);
        if (ok && !name.trimmed().isEmpty())
            newFolder(name, id);
    });
    if (!id.isEmpty()) {
        menu.addAction(tr("Rename\u2026"), this, [this, id, item] {
            bool ok = false;
            const QString name = QInputDialog::getText(
                this, tr("Rename folder"), tr("Name:"), QLineEdit::Normal, item->text(0), &ok);
            if (ok && !name.trimmed().isEmpty())
                m_backend->renameFolder(id, name);
        });
        menu.addAction(tr("Move to the top level"), this, [this, id] { m_backend->moveFolder(id, {}); });
        menu.addSeparator();
        menu.addAction(tr("Delete\u2026"), this, [this, id] { deleteFolder(id); });
    }
    menu.exec(m_folders->viewport()->mapToGlobal(pos));
}

ChatSettingsDialog *ChatPane::openChatSettings()
{
    const int row = m_model->rowOf(m_chatId);
    if (row < 0)
        return nullptr;
    auto *dialog = new ChatSettingsDialog(m_model->record(row), this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    const QString chatId = m_chatId;
    connect(m_backend.get(), &ChatBackend::chatKnowledgeListed, dialog,
        [dialog, chatId](const QString &id, const QStringList &ids, const QStringList &names,
            const QStringList &attached) {
            if (id == chatId && !dialog->knowledgeLoaded())
                dialog->setKnowledge(ids, names, attached);
        });
    m_backend->listChatKnowledge(chatId);
    connect(dialog, &QDialog::accepted, this, [this, dialog] {
        const ChatRecord wanted = dialog->result();
        m_backend->patchChat(wanted.id, [wanted](ChatRecord &chat) {
            chat.systemPrompt = wanted.systemPrompt;
            chat.params = wanted.params;
        });
        if (dialog->knowledgeLoaded())
            m_backend->setChatKnowledge(wanted.id, dialog->selectedKnowledge());
    });
    dialog->show();
    return dialog;
}

void ChatPane::setChatTags(const QString &chatId, const QStringList &tags)
{
    QStringList clean;
    for (const QString &t : tags) {
        if (!t.trimmed().isEmpty())
            clean.append(t.trimmed());
    }
    m_backend->patchChat(chatId, [clean](ChatRecord &c) { c.tags = clean; });
}

void ChatPane::newFolder(const QString &name, const QString &parentId)
{
    m_backend->createFolder(name, parentId);
}

void ChatPane::deleteFolder(const QString &folderId, bool confirm)
{
    bool deleteChats = false;
    if (confirm) {
        const QTreeWidgetItem *item = m_folders->itemFor(folderId);
        QMessageBox box(QMessageBox::Question, tr("Delete folder"),
            tr("Delete the folder \u201c%1\u201d and its subfolders? Their chats can move to the top level "
               "or be "
               "deleted with them.")
                .arg(item ? item->text(0) : QString()),
            QMessageBox::Cancel, this);
        QPushButton *keep = box.addButton(tr("Keep the chats"), QMessageBox::AcceptRole);
        QPushButton *drop = box.addButton(tr("Delete the chats too"), QMessageBox::DestructiveRole);
        box.setDefaultButton(keep);
        box.exec();
        if (box.clickedButton() == drop)
            deleteChats = true;
        else if (box.clickedButton() != keep)
            return;
    }
    m_backend->deleteFolder(folderId, deleteChats);
    m_model->reload(); // chats moved or went away
}

void ChatPane::renameChat(const QString &chatId)
{
    const int row = m_model->rowOf(chatId);
    if (row >= 0)
        m_list->edit(m_model->index(row));
}

void ChatPane::togglePin(const QString &chatId)
{
    m_backend->patchChat(chatId, [](ChatRecord &c) { c.pinned = !c.pinned; });
}

void ChatPane::toggleArchive(const QString &chatId)
{
    m_backend->patchChat(chatId, [](ChatRecord &c) { c.archived = !c.archived; });
}

void ChatPane::deleteChat(const QString &chatId, bool confirm)
{
    const int row = m_model->rowOf(chatId);
    if (row < 0)
        return;
    if (confirm) {
        const QString title = m_model->index(row).data().toString();
        const auto answer = QMessageBox::question(this, tr("Delete chat"),
            tr("Delete \u201c%1\u201d and all its messages? This cannot be undone.").arg(title),
            QMessageBox::Yes | QMessageBox::Cancel, QMessageBox::Cancel);
        if (answer != QMessageBox::Yes)
            return;
    }
    m_backend->deleteChat(chatId);
}

} // namespace cairn
