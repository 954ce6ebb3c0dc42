#include "gui/panes/KnowledgePane.h"

#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"

#include <QCheckBox>
#include <QComboBox>
#include <QDateTime>
#include <QDialog>
#include <QDialogButtonBox>
#include <QDoubleSpinBox>
#include <QDragEnterEvent>
#include <QFileDialog>
#include <QFormLayout>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QLocale>
#include <QMessageBox>
#include <QMimeData>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QScrollArea>
#include <QSpinBox>
#include <QSplitter>
#include <QStackedWidget>
#include <QTabWidget>
#include <QTableWidget>
#include <QVBoxLayout>

namespace cairn {

using namespace knowledge;

namespace {

enum DocumentColumn { ColName, ColKind, ColStatus, ColChunks, ColProgress, DocumentColumns };
enum ResultColumn { ColRank, ColScore, ColDocument, ColPosition, ColFoundBy, ColText, ResultColumns };

QTableWidgetItem *item(const QString &text, const QVariant &data = {})
{
    auto *it = new QTableWidgetItem(text);
    it->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    if (data.isValid())
        it->setData(Qt::UserRole, data);
    return it;
}

} // namespace

KnowledgePane::KnowledgePane(QWidget *parent) : QWidget(parent)
{
    build();
    m_stack->setCurrentIndex(0);
}

KnowledgePane::KnowledgePane(std::shared_ptr<Database> db, SecretStore *secrets, QWidget *parent)
    : QWidget(parent), m_backend(new KnowledgeBackend(std::move(db), secrets, this))
{
    build();
    setAcceptDrops(true);
    connect(m_backend, &KnowledgeBackend::basesListed, this, &KnowledgePane::showBases);
    connect(m_backend, &KnowledgeBackend::baseCreated, this,
        [this](const KnowledgeBaseRecord &base) { m_pendingSelection = base.id; });
    connect(m_backend, &KnowledgeBackend::documentsListed, this, &KnowledgePane::showDocuments);
    connect(m_backend, &KnowledgeBackend::ingestProgress, this, &KnowledgePane::showProgress);
    connect(m_backend, &KnowledgeBackend::retrieved, this, &KnowledgePane::showResults);
    connect(m_backend, &KnowledgeBackend::addProgress, this,
        [this](const QString &, int done, int total, const QString &path) {
            m_overall->setRange(0, std::max(total, 1));
            m_overall->setValue(done);
            m_status->setText(
                tr("Adding %1 of %2: %3").arg(done + 1).arg(total).arg(QFileInfo(path).fileName()));
        });
    connect(m_backend, &KnowledgeBackend::addFinished, this,
        [this](const QString &, int added, int skipped, const QStringList &problems) {
            QString text = tr("Added %n document(s).", nullptr, added);
            if (skipped > 0)
                text += u' ' + tr("%n already in the base.", nullptr, skipped);
            if (!problems.isEmpty())
                text += u' ' + tr("Not added: %1").arg(problems.join(QStringLiteral(" · ")));
            m_status->setText(text);
        });
    connect(m_backend, &KnowledgeBackend::queueChanged, this, [this](int waiting, bool paused) {
        m_pause->setText(paused ? tr("Resume") : tr("Pause"));
        if (waiting == 0 && !paused && !currentBaseId().isEmpty())
            m_backend->listDocuments(currentBaseId());
        if (waiting > 0)
            m_status->setText(paused ? tr("Paused: %n document(s) wait.", nullptr, waiting)
                                     : tr("Indexing: %n document(s) to go.", nullptr, waiting));
        else if (paused)
            m_status->setText(tr("Paused: press Resume to go on."));
    });
    connect(m_backend, &KnowledgeBackend::modelsListed, this,
        [this](const QStringList &names, const QStringList &ids) {
            const QString current = m_connection->currentData().toString();
            m_connection->clear();
            m_connection->addItem(tr("None (keyword search only)"), QString());
            for (qsizetype i = 0; i < names.size(); ++i)
                m_connection->addItem(names.at(i), ids.at(i));
            m_connection->setCurrentIndex(std::max(0, m_connection->findData(current)));
        });
    connect(m_backend, &KnowledgeBackend::failed, this,
        [this](const QString &message) { GuiStyle::showError(m_status, message); });
    m_backend->listBases();
    m_backend->listModels();
    m_stack->setCurrentIndex(1);
}

void KnowledgePane::build()
{
    setObjectName(QStringLiteral("knowledgePane"));
    setAccessibleName(tr("Knowledge"));
    auto *layout = GuiStyle::paneLayout(this, tr("Knowledge"),
        tr("Documents that conversations can draw on, searched offline and stored encrypted on this "
           "computer."));
    m_stack = new QStackedWidget(this);
    layout->addWidget(m_stack, 1);
    m_empty = new EmptyState(GuiStyle::icon(QStringLiteral("knowledge")), tr("No knowledge bases yet"),
        tr("Create a knowledge base, then add files or whole folders: text, Markdown, HTML, PDF, Word, CSV "
           "or source code."),
        this);
    m_stack->addWidget(m_empty);

    auto *split = new QSplitter(m_stack);
    m_stack->addWidget(split);

    // The bases.
    auto *left = new QWidget(split);
    auto *leftLayout = new QVBoxLayout(left);
    leftLayout->setContentsMargins(0, 0, 0, 0);
    m_bases = new QListWidget(left);
    left->setMinimumWidth(140);
    left->setMaximumWidth(260);
    m_bases->setObjectName(QStringLiteral("knowledgeBases"));
    m_bases->setAccessibleName(tr("Knowledge bases"));
    leftLayout->addWidget(m_bases, 1);
    auto *baseButtons = new QHBoxLayout;
    auto *newBase = new QPushButton(tr("New\u2026"), left);
    newBase->setObjectName(QStringLiteral("newBase"));
    auto *deleteBase = new QPushButton(tr("Delete"), left);
    baseButtons->addWidget(newBase);
    baseButtons->addWidget(deleteBase);
    leftLayout->addLayout(baseButtons);
    connect(newBase, &QPushButton::clicked, this, [this] {
        bool ok = false;
        const QString name
            = QInputDialog::getText(this, tr("New knowledge base"), tr("Name:"), QLineEdit::Normal, {}, &ok);
        if (ok && !name.trimmed().isEmpty())
            createBase(name);
    });
    connect(deleteBase, &QPushButton::clicked, this, [this] {
        const QString id = currentBaseId();
        if (id.isEmpty() || !m_backend)
            return;
        if (QMessageBox::question(this, tr("Delete knowledge base"),
                tr("Delete \u201c%1\u201d and all its documents? This cannot be undone.")
                    .arg(m_bases->currentItem()->text()))
            == QMessageBox::Yes)
            m_backend->deleteBase(id);
    });
    connect(m_bases, &QListWidget::currentRowChanged, this, &KnowledgePane::selectedBaseChanged);

    m_tabs = new QTabWidget(split);
    split->setStretchFactor(1, 1);

    // Documents.
    auto *docsPage = new QWidget(m_tabs);
    auto *docsLayout = new QVBoxLayout(docsPage);
    auto *docButtons = new QHBoxLayout;
    auto *addFiles = new QPushButton(tr("Add files\u2026"), docsPage);
    auto *addFolder = new QPushButton(tr("Add folder\u2026"), docsPage);
    m_pause = new QPushButton(tr("Pause"), docsPage);
    m_pause->setObjectName(QStringLiteral("pauseIngestion"));
    auto *cancel = new QPushButton(tr("Cancel"), docsPage);
    cancel->setObjectName(QStringLiteral("cancelIngestion"));
    auto *reindex = new QPushButton(tr("Re-index"), docsPage);
    reindex->setObjectName(QStringLiteral("reindexDocument"));
    auto *toggle = new QPushButton(tr("Disable / enable"), docsPage);
    toggle->setObjectName(QStringLiteral("toggleDocument"));
    auto *remove = new QPushButton(tr("Delete"), docsPage);
    remove->setObjectName(QStringLiteral("deleteDocument"));
    for (QPushButton *b : {addFiles, addFolder, m_pause, cancel})
        docButtons->addWidget(b);
    docButtons->addStretch(1);
    docsLayout->addLayout(docButtons);
    auto *docButtons2 = new QHBoxLayout;
    for (QPushButton *b : {reindex, toggle, remove})
        docButtons2->addWidget(b);
    docButtons2->addStretch(1);
    docsLayout->addLayout(docButtons2);
    m_documents = new QTableWidget(0, DocumentColumns, docsPage);
    m_documents->setObjectName(QStringLiteral("knowledgeDocuments"));
    m_documents->setHorizontalHeaderLabels(
        {tr("Document"), tr("Type"), tr("Status"), tr("Chunks"), tr("Progress")});
    m_documents->horizontalHeader()->setSectionResizeMode(ColName, QHeaderView::Stretch);
    m_documents->verticalHeader()->hide();
    m_documents->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_documents->setEditTriggers(QAbstractItemView::NoEditTriggers);
    docsLayout->addWidget(m_documents, 1);
    m_overall = new QProgressBar(docsPage);
    m_overall->setObjectName(QStringLiteral("overallProgress"));
    m_overall->setFormat(tr("%v of %m"));
    docsLayout->addWidget(m_overall);
    m_status = GuiStyle::note(QString(), docsPage);
    m_status->setObjectName(QStringLiteral("knowledgeStatus"));
    m_status->setTextFormat(Qt::PlainText); // file names and errors, never markup
    m_status->setWordWrap(true);
    docsLayout->addWidget(m_status);
    m_tabs->addTab(docsPage, tr("Documents"));
    connect(addFiles, &QPushButton::clicked, this, [this] {
        const QStringList files = QFileDialog::getOpenFileNames(this, tr("Add files"), {},
            tr("Documents (*.txt *.md *.markdown *.html *.htm *.pdf *.docx *.csv *.tsv *.json *.xml *.py "
               "*.cpp *.h "
               "*.js *.ts *.rs *.go *.java *.sql *.yaml *.yml);;All files (*)"));
        if (!files.isEmpty())
            addPaths(files);
    });
    connect(addFolder, &QPushButton::clicked, this, [this] {
        const QString dir = QFileDialog::getExistingDirectory(this, tr("Add folder"));
        if (!dir.isEmpty())
            addPaths({dir});
    });
    connect(m_pause, &QPushButton::clicked, this, [this] {
        if (!m_backend)
            return;
        if (m_backend->isPaused())
            m_backend->resume();
        else
            m_backend->pause();
    });
    connect(cancel, &QPushButton::clicked, this, [this] {
        if (m_backend)
            m_backend->cancel();
    });
    connect(reindex, &QPushButton::clicked, this, [this] {
        if (m_backend && !currentBaseId().isEmpty())
            m_backend->reindex(currentBaseId(), selectedDocumentId());
    });
    connect(toggle, &QPushButton::clicked, this, [this] {
        const int row = m_documents->currentRow();
        if (!m_backend || row < 0)
            return;
        const bool enabled = m_documents->item(row, ColName)->data(Qt::UserRole + 1).toBool();
        m_backend->setDocumentEnabled(currentBaseId(), selectedDocumentId(), !enabled);
    });
    connect(remove, &QPushButton::clicked, this, [this] {
        const QString documentId = selectedDocumentId(); // before the question: rows may refresh
        const QString baseId = currentBaseId();
        if (!m_backend || documentId.isEmpty())
            return;
        if (QMessageBox::question(this, tr("Delete document"),
                tr("Delete \u201c%1\u201d from this knowledge base?")
                    .arg(m_documents->item(m_documents->currentRow(), ColName)->text()))
            == QMessageBox::Yes)
            m_backend->deleteDocument(baseId, documentId);
    });
    connect(m_documents, &QTableWidget::cellDoubleClicked, this, [this](int row, int) { openDocument(row); });

    // Retrieval test.
    auto *testPage = new QWidget(m_tabs);
    auto *testLayout = new QVBoxLayout(testPage);
    auto *queryRow = new QHBoxLayout;
    m_query = new QLineEdit(testPage);
    m_query->setObjectName(QStringLiteral("retrievalQuery"));
    m_query->setPlaceholderText(tr("Ask something the documents should answer"));
    m_mode = new QComboBox(testPage);
    m_mode->addItem(tr("Keyword"), int(RetrievalMode::Keyword));
    m_mode->addItem(tr("Vector"), int(RetrievalMode::Vector));
    m_mode->addItem(tr("Hybrid"), int(RetrievalMode::Hybrid));
    m_topK = new QSpinBox(testPage);
    m_topK->setRange(1, 100);
    m_topK->setValue(5);
    m_topK->setPrefix(tr("top "));
    auto *go = new QPushButton(tr("Search"), testPage);
    queryRow->addWidget(m_query, 1);
    queryRow->addWidget(m_mode);
    queryRow->addWidget(m_topK);
    queryRow->addWidget(go);
    testLayout->addLayout(queryRow);
    m_results = new QTableWidget(0, ResultColumns, testPage);
    m_results->setObjectName(QStringLiteral("retrievalResults"));
    m_results->setHorizontalHeaderLabels(
        {tr("#"), tr("Score"), tr("Document"), tr("Chunk"), tr("Found by"), tr("Text")});
    m_results->horizontalHeader()->setSectionResizeMode(ColText, QHeaderView::Stretch);
    m_results->verticalHeader()->hide();
    m_results->setWordWrap(true);
    testLayout->addWidget(m_results, 1);
    m_resultNote = GuiStyle::note(QString(), testPage);
    m_resultNote->setTextFormat(Qt::PlainText);
    testLayout->addWidget(m_resultNote);
    // The base's query log: every search, from here, from chats and from cairn-cli. Double-click one
    // to run it again.
    testLayout->addWidget(GuiStyle::note(tr("Recent queries (double-click to run one again):"), testPage));
    m_queryLog = new QTableWidget(0, 5, testPage);
    m_queryLog->setObjectName(QStringLiteral("queryLog"));
    m_queryLog->setHorizontalHeaderLabels({tr("When"), tr("From"), tr("Query"), tr("Mode"), tr("Found")});
    m_queryLog->horizontalHeader()->setSectionResizeMode(2, QHeaderView::Stretch);
    m_queryLog->verticalHeader()->hide();
    m_queryLog->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_queryLog->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_queryLog->setMaximumHeight(170);
    testLayout->addWidget(m_queryLog);
    connect(m_queryLog, &QTableWidget::cellDoubleClicked, this, [this](int row, int) {
        const QTableWidgetItem *q = m_queryLog->item(row, 2);
        if (!q)
            return;
        m_query->setText(q->text());
        const int mode = m_mode->findData(q->data(Qt::UserRole));
        if (mode >= 0)
            m_mode->setCurrentIndex(mode);
        search(m_query->text(), RetrievalMode(m_mode->currentData().toInt()), m_topK->value());
    });
    connect(m_backend, &KnowledgeBackend::queriesListed, this,
        [this](const QString &baseId, const QList<QueryLogRecord> &queries) {
            if (baseId == currentBaseId())
                showQueries(queries);
        });
    m_tabs->addTab(testPage, tr("Test retrieval"));
    const auto runSearch
        = [this] { search(m_query->text(), RetrievalMode(m_mode->currentData().toInt()), m_topK->value()); };
    connect(go, &QPushButton::clicked, this, runSearch);
    connect(m_query, &QLineEdit::returnPressed, this, runSearch);

    // Settings.
    auto *settingsScroll = new QScrollArea(m_tabs);
    settingsScroll->setWidgetResizable(true);
    settingsScroll->setFrameShape(QFrame::NoFrame);
    auto *settingsPage = new QWidget(settingsScroll);
    settingsScroll->setWidget(settingsPage);
    auto *form = new QFormLayout(settingsPage);
    m_name = new QLineEdit(settingsPage);
    m_name->setObjectName(QStringLiteral("baseName"));
    m_description = new QLineEdit(settingsPage);
    m_description->setObjectName(QStringLiteral("baseDescription"));
    m_customChunks = new QCheckBox(tr("Custom chunking"), settingsPage);
    m_customChunks->setObjectName(QStringLiteral("customChunking"));
    m_customChunks->setToolTip(tr("Otherwise automatic: 500 tokens with 50 of overlap"));
    m_chunkSize = new QSpinBox(settingsPage);
    m_chunkSize->setObjectName(QStringLiteral("chunkSize"));
    m_chunkSize->setRange(16, 8192);
    m_chunkSize->setSuffix(tr(" tokens"));
    m_overlap = new QSpinBox(settingsPage);
    m_overlap->setObjectName(QStringLiteral("chunkOverlap"));
    m_overlap->setRange(0, 4096);
    m_overlap->setSuffix(tr(" tokens"));
    m_separators = new QLineEdit(settingsPage);
    m_separators->setToolTip(tr("Tried in order, separated by | (\\n is a line break)"));
    m_collapse = new QCheckBox(tr("Collapse runs of spaces and blank lines"), settingsPage);
    m_dropUrls = new QCheckBox(tr("Drop web addresses and e-mail addresses"), settingsPage);
    m_connection = new QComboBox(settingsPage);
    m_model = new QLineEdit(settingsPage);
    m_model->setPlaceholderText(tr("e.g. nomic-embed-text"));
    m_defaultMode = new QComboBox(settingsPage);
    m_defaultMode->addItem(tr("Keyword"), int(RetrievalMode::Keyword));
    m_defaultMode->addItem(tr("Vector"), int(RetrievalMode::Vector));
    m_defaultMode->addItem(tr("Hybrid"), int(RetrievalMode::Hybrid));
    m_defaultTopK = new QSpinBox(settingsPage);
    m_defaultTopK->setObjectName(QStringLiteral("defaultTopK"));
    m_defaultTopK->setRange(1, 100);
    m_threshold = new QDoubleSpinBox(settingsPage);
    m_threshold->setObjectName(QStringLiteral("scoreThreshold"));
    m_threshold->setRange(0, 1);
    m_threshold->setSingleStep(0.05);
    m_fusion = new QComboBox(settingsPage);
    m_fusion->addItem(tr("Reciprocal-rank fusion"), int(Fusion::ReciprocalRank));
    m_fusion->addItem(tr("Weighted scores"), int(Fusion::Weighted));
    m_vectorWeight = new QDoubleSpinBox(settingsPage);
    m_vectorWeight->setRange(0, 1);
    m_vectorWeight->setSingleStep(0.1);
    auto *save = new QPushButton(tr("Save settings"), settingsPage);
    save->setObjectName(QStringLiteral("saveKnowledgeSettings"));
    form->addRow(tr("Name:"), m_name);
    form->addRow(tr("Description:"), m_description);
    form->addRow(m_customChunks);
    form->addRow(tr("Chunk size:"), m_chunkSize);
    form->addRow(tr("Overlap:"), m_overlap);
    form->addRow(tr("Separators:"), m_separators);
    form->addRow(m_collapse);
    form->addRow(m_dropUrls);
    form->addRow(tr("Embedding connection:"), m_connection);
    form->addRow(tr("Embedding model:"), m_model);
    form->addRow(tr("Retrieval:"), m_defaultMode);
    form->addRow(tr("Top K:"), m_defaultTopK);
    form->addRow(tr("Score threshold:"), m_threshold);
    form->addRow(tr("Hybrid fusion:"), m_fusion);
    form->addRow(tr("Vector weight:"), m_vectorWeight);
    form->addRow(GuiStyle::note(tr("Changing the chunking re-indexes every document; changing the embedding "
                                   "model embeds them again. Keyword search keeps working meanwhile."),
        settingsPage));
    form->addRow(save);
    m_tabs->addTab(settingsScroll, tr("Settings"));
    connect(save, &QPushButton::clicked, this, &KnowledgePane::saveSettings);
}

QString KnowledgePane::currentBaseId() const
{
    const QListWidgetItem *it = m_bases->currentItem();
    return it ? it->data(Qt::UserRole).toString() : QString();
}

QString KnowledgePane::selectedDocumentId() const
{
    const int row = m_documents->currentRow();
    const QTableWidgetItem *it = row >= 0 ? m_documents->item(row, ColName) : nullptr;
    return it ? it->data(Qt::UserRole).toString() : QString();
}

void KnowledgePane::createBase(const QString &name)
{
    if (!m_backend)
        return;
    KnowledgeSettings settings;
    m_backend->createBase(name.trimmed(), QString(), settings, ModelRef {});
}

void KnowledgePane::addPaths(const QStringList &paths)
{
    if (!m_backend)
        return;
    if (currentBaseId().isEmpty()) {
        GuiStyle::showError(m_status, tr("Create or choose a knowledge base first."));
        return;
    }
    m_status->setText(tr("Adding\u2026"));
    m_backend->addPaths(currentBaseId(), paths);
}

void KnowledgePane::search(const QString &query, RetrievalMode mode, int topK)
{
    if (!m_backend || currentBaseId().isEmpty() || query.trimmed().isEmpty())
        return;
    m_query->setText(query);
    m_mode->setCurrentIndex(m_mode->findData(int(mode)));
    m_topK->setValue(topK);
    m_tabs->setCurrentIndex(1);
    m_resultNote->setText(tr("Searching\u2026"));
    m_backend->retrieve(++m_requestId, currentBaseId(), query, mode, topK);
}

void KnowledgePane::dragEnterEvent(QDragEnterEvent *event)
{
    if (event->mimeData()->hasUrls())
        event->acceptProposedAction();
}

void KnowledgePane::dropEvent(QDropEvent *event)
{
    QStringList paths;
    for (const QUrl &url : event->mimeData()->urls())
        if (url.isLocalFile())
            paths.append(url.toLocalFile());
    if (!paths.isEmpty()) {
        addPaths(paths);
        event->acceptProposedAction();
    }
}

void KnowledgePane::showBases(const QList<KnowledgeBaseRecord> &bases)
{
    const QString keep = m_pendingSelection.isEmpty() ? currentBaseId() : m_pendingSelection;
    m_pendingSelection.clear();
    m_baseRecords = bases;
    const QSignalBlocker block(m_bases);
    m_bases->clear();
    for (const KnowledgeBaseRecord &b : bases) {
        auto *it = new QListWidgetItem(b.name, m_bases);
        it->setData(Qt::UserRole, b.id);
        it->setToolTip(tr("%n document(s)", nullptr, b.documentCount) + QStringLiteral(" \u00b7 ")
            + tr("%n chunk(s)", nullptr, int(b.chunkCount)) + QStringLiteral(" \u00b7 ")
            + QLocale().formattedDataSize(b.bytes));
        if (b.id == keep)
            m_bases->setCurrentItem(it);
    }
    if (!m_bases->currentItem() && m_bases->count() > 0)
        m_bases->setCurrentRow(0);
    m_tabs->setEnabled(m_bases->count() > 0);
    selectedBaseChanged();
}

void KnowledgePane::selectedBaseChanged()
{
    const QString id = currentBaseId();
    for (const KnowledgeBaseRecord &b : std::as_const(m_baseRecords))
        if (b.id == id)
            showSettings(b);
    if (!id.isEmpty() && m_backend) {
        m_backend->listDocuments(id);
        m_backend->listQueries(id);
    } else {
        m_queryLog->setRowCount(0);
        m_documents->setRowCount(0);
        m_status->setText(tr("Create a knowledge base with New\u2026, then add documents."));
    }
}

QString KnowledgePane::statusText(const QString &status)
{
    if (status == DocumentStatus::Waiting)
        return tr("Waiting");
    if (status == DocumentStatus::Parsing)
        return tr("Parsing");
    if (status == DocumentStatus::Splitting)
        return tr("Splitting");
    if (status == DocumentStatus::Indexing)
        return tr("Indexing");
    if (status == DocumentStatus::Embedding)
        return tr("Embedding");
    if (status == DocumentStatus::Completed)
        return tr("Completed");
    if (status == DocumentStatus::Paused)
        return tr("Paused");
    return tr("Error");
}

void KnowledgePane::showDocuments(const QString &baseId, const QList<KnowledgeDocumentRecord> &documents)
{
    if (baseId != currentBaseId())
        return;
    // A thousand rows are refilled in place (items reused, one repaint at the end).
    m_documents->setUpdatesEnabled(false);
    m_documents->setRowCount(int(documents.size()));
    m_rowOfDocument.clear();
    int completed = 0;
    for (int row = 0; row < documents.size(); ++row) {
        const KnowledgeDocumentRecord &d = documents.at(row);
        m_rowOfDocument.insert(d.id, row);
        const auto cell = [&](int col) {
            QTableWidgetItem *it = m_documents->item(row, col);
            if (!it) {
                it = item(QString());
                m_documents->setItem(row, col, it);
            }
            return it;
        };
        QTableWidgetItem *name = cell(ColName);
        name->setText(d.enabled ? d.name : tr("%1 (disabled)").arg(d.name));
        name->setData(Qt::UserRole, d.id);
        name->setData(Qt::UserRole + 1, d.enabled);
        name->setToolTip(d.sourcePath);
        cell(ColKind)->setText(d.kind.toUpper());
        QTableWidgetItem *status = cell(ColStatus);
        const bool failed = d.status == DocumentStatus::Failed;
        status->setText(failed ? tr("Error: %1").arg(d.error) : statusText(d.status));
        status->setForeground(failed ? QColor(QStringLiteral("#b3261e")) : palette().color(QPalette::Text));
        status->setToolTip(failed ? d.error : QString());
        cell(ColChunks)->setText(QLocale().toString(d.chunkCount));
        if (m_documents->cellWidget(row, ColProgress))
            m_documents->removeCellWidget(row, ColProgress);
        cell(ColProgress)
            ->setText(d.status == DocumentStatus::Completed ? QStringLiteral("100%") : QString());
        completed += d.status == DocumentStatus::Completed || d.status == DocumentStatus::Failed ? 1 : 0;
    }
    m_documents->setUpdatesEnabled(true);
    m_overall->setRange(0, std::max<int>(1, int(documents.size())));
    m_overall->setValue(completed);
    if (documents.isEmpty())
        m_status->setText(tr("No documents yet: add files or a folder, or drop them here."));
    else if (completed == documents.size() && m_status->text().contains(u':'))
        m_status->setText(tr("Added %n document(s).", nullptr, int(documents.size())));
    Q_EMIT documentsShown(int(documents.size()));
}

void KnowledgePane::showProgress(const IngestProgress &p)
{
    if (p.baseId != currentBaseId())
        return;
    const int row = m_rowOfDocument.value(p.documentId, -1);
    if (row < 0) {
        if (p.status == DocumentStatus::Completed && m_backend)
            m_backend->listDocuments(p.baseId);
        return;
    }
    m_documents->item(row, ColStatus)->setText(statusText(p.status));
    m_status->setText(tr("%1: %2").arg(p.name, statusText(p.status)));
    auto *bar = qobject_cast<QProgressBar *>(m_documents->cellWidget(row, ColProgress));
    if (p.status == DocumentStatus::Completed || p.status == DocumentStatus::Failed
        || p.status == DocumentStatus::Paused) {
        m_documents->removeCellWidget(row, ColProgress);
        if (m_backend
            && (p.status != DocumentStatus::Completed || m_overall->value() + 1 >= m_overall->maximum()))
            m_backend->listDocuments(p.baseId);
        else
            m_overall->setValue(m_overall->value() + 1);
        return;
    }
    if (!bar) {
        bar = new QProgressBar(m_documents);
        bar->setRange(0, 1000);
        m_documents->setCellWidget(row, ColProgress, bar);
    }
    bar->setValue(p.total > 0 ? int(p.done * 1000 / p.total) : 0);
}

void KnowledgePane::showResults(int requestId, const RetrievalResult &result)
{
    if (requestId != m_requestId)
        return;
    m_results->setRowCount(int(result.chunks.size()));
    for (int row = 0; row < result.chunks.size(); ++row) {
        const RetrievedChunk &c = result.chunks.at(row);
        m_results->setItem(row, ColRank, item(QString::number(row + 1)));
        m_results->setItem(row, ColScore, item(QLocale().toString(c.score, 'f', 3)));
        m_results->setItem(row, ColDocument, item(c.documentName, c.documentId));
        m_results->setItem(row, ColPosition, item(QStringLiteral("#%1").arg(c.position + 1)));
        const QString by = c.foundBy() == QStringLiteral("keyword+vector") ? tr("keyword + vector")
            : c.foundBy() == QStringLiteral("vector")                      ? tr("vector")
                                                                           : tr("keyword");
        m_results->setItem(row, ColFoundBy, item(by));
        auto *text = item(c.content.left(600));
        text->setToolTip(c.content.left(4000));
        m_results->setItem(row, ColText, text);
    }
    m_results->resizeRowsToContents();
    QString note = result.chunks.isEmpty() ? tr("Nothing found.")
                                           : tr("%n chunk(s) in %1 ms.", nullptr, int(result.chunks.size()))
                                                 .arg(QLocale().toString(result.durationMs, 'f', 1));
    if (!result.note.isEmpty())
        note += u' ' + result.note;
    m_resultNote->setText(note);
    if (m_backend && !currentBaseId().isEmpty())
        m_backend->listQueries(currentBaseId());
    Q_EMIT searchShown(int(result.chunks.size()));
}

void KnowledgePane::showQueries(const QList<QueryLogRecord> &queries)
{
    m_queryLog->setRowCount(int(queries.size()));
    for (int row = 0; row < queries.size(); ++row) {
        const QueryLogRecord &q = queries.at(row);
        const QString from = q.source == QStringLiteral("chat") ? tr("Chat")
            : q.source == QStringLiteral("test")                ? tr("Test retrieval")
            : q.source == QStringLiteral("cli")                 ? QStringLiteral("cairn-cli")
                                                                : q.source;
        RetrievalMode mode = RetrievalMode::Keyword;
        parseMode(q.mode, &mode);
        m_queryLog->setItem(row, 0,
            item(QLocale().toString(QDateTime::fromMSecsSinceEpoch(q.createdAt), QLocale::ShortFormat)));
        m_queryLog->setItem(row, 1, item(from));
        QTableWidgetItem *text = item(q.query);
        text->setData(Qt::UserRole, int(mode));
        m_queryLog->setItem(row, 2, text);
        m_queryLog->setItem(row, 3, item(m_mode->itemText(std::max(0, m_mode->findData(int(mode))))));
        m_queryLog->setItem(row, 4,
            item(tr("%n chunk(s) in %1 ms", nullptr, int(q.results.size()))
                     .arg(QLocale().toString(q.durationMs, 'f', 1))));
    }
    Q_EMIT queriesShown(int(queries.size()));
}

void KnowledgePane::showSettings(const KnowledgeBaseRecord &base)
{
    const KnowledgeSettings s = KnowledgeSettings::fromJson(base.settings);
    m_name->setText(base.name);
    m_description->setText(base.description);
    m_customChunks->setChecked(!s.automaticChunking);
    m_chunkSize->setValue(s.chunking.maxTokens);
    m_overlap->setValue(s.chunking.overlapTokens);
    QStringList seps;
    for (QString sep : s.chunking.separators)
        seps.append(sep.replace(QStringLiteral("\n"), QStringLiteral("\\n")));
    m_separators->setText(seps.join(u'|'));
    m_collapse->setChecked(s.chunking.collapseWhitespace);
    m_dropUrls->setChecked(s.chunking.dropUrlsAndEmails);
    m_connection->setCurrentIndex(std::max(0, m_connection->findData(base.embeddingConnectionId)));
    m_model->setText(base.embeddingModel);
    m_defaultMode->setCurrentIndex(m_defaultMode->findData(int(s.mode)));
    m_mode->setCurrentIndex(m_mode->findData(int(s.mode)));
    m_defaultTopK->setValue(s.topK);
    m_topK->setValue(s.topK);
    m_threshold->setValue(s.scoreThreshold);
    m_fusion->setCurrentIndex(m_fusion->findData(int(s.fusion)));
    m_vectorWeight->setValue(s.vectorWeight);
}

void KnowledgePane::saveSettings()
{
    const QString id = currentBaseId();
    if (!m_backend || id.isEmpty())
        return;
    for (KnowledgeBaseRecord b : std::as_const(m_baseRecords)) {
        if (b.id != id)
            continue;
        KnowledgeSettings s = KnowledgeSettings::fromJson(b.settings);
        s.automaticChunking = !m_customChunks->isChecked();
        s.chunking.maxTokens = m_chunkSize->value();
        s.chunking.overlapTokens = m_overlap->value();
        QStringList seps;
        for (QString sep : m_separators->text().split(u'|', Qt::SkipEmptyParts))
            seps.append(sep.replace(QStringLiteral("\\n"), QStringLiteral("\n")));
        if (!seps.isEmpty())
            s.chunking.separators = seps;
        s.chunking.collapseWhitespace = m_collapse->isChecked();
        s.chunking.dropUrlsAndEmails = m_dropUrls->isChecked();
        s.mode = RetrievalMode(m_defaultMode->currentData().toInt());
        s.topK = m_defaultTopK->value();
        s.scoreThreshold = m_threshold->value();
        s.fusion = Fusion(m_fusion->currentData().toInt());
        s.vectorWeight = m_vectorWeight->value();
        b.name = m_name->text();
        b.description = m_description->text();
        b.settings = s.toJson();
        b.embeddingConnectionId = m_connection->currentData().toString();
        b.embeddingModel = b.embeddingConnectionId.isEmpty() ? QString() : m_model->text().trimmed();
        if (b.embeddingModel.isEmpty())
            b.embeddingConnectionId.clear();
        m_backend->updateBase(b);
        m_status->setText(tr("Settings saved."));
    }
}

void KnowledgePane::openDocument(int row)
{
    const QTableWidgetItem *nameItem = m_documents->item(row, ColName);
    if (!m_backend || !nameItem)
        return;
    const QString documentId = nameItem->data(Qt::UserRole).toString();
    auto *dialog = new QDialog(this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->setObjectName(QStringLiteral("documentChunks"));
    dialog->setWindowTitle(tr("Chunks of %1").arg(nameItem->text()));
    dialog->resize(820, 560);
    auto *layout = new QVBoxLayout(dialog);
    auto *table = new QTableWidget(0, 5, dialog);
    table->setHorizontalHeaderLabels({tr("#"), tr("Tokens"), tr("Hits"), tr("Enabled"), tr("Text")});
    table->horizontalHeader()->setSectionResizeMode(4, QHeaderView::Stretch);
    table->verticalHeader()->hide();
    table->setSelectionBehavior(QAbstractItemView::SelectRows);
    table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    layout->addWidget(table, 2);
    auto *editor = new QPlainTextEdit(dialog);
    layout->addWidget(editor, 1);
    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, dialog);
    auto *saveChunk = buttons->addButton(tr("Save chunk"), QDialogButtonBox::ActionRole);
    auto *toggle = buttons->addButton(tr("Disable / enable"), QDialogButtonBox::ActionRole);
    layout->addWidget(buttons);
    connect(buttons, &QDialogButtonBox::rejected, dialog, &QDialog::close);
    auto seqs = std::make_shared<QList<KnowledgeChunkRecord>>();
    connect(m_backend, &KnowledgeBackend::chunksListed, dialog,
        [table, seqs, documentId, this](const QString &doc, const QList<KnowledgeChunkRecord> &chunks) {
            if (doc != documentId)
                return;
            *seqs = chunks;
            const int keep = table->currentRow();
            table->setRowCount(int(chunks.size()));
            for (int r = 0; r < chunks.size(); ++r) {
                const KnowledgeChunkRecord &c = chunks.at(r);
                table->setItem(r, 0, item(QString::number(c.position + 1)));
                table->setItem(r, 1, item(QString::number(c.tokens)));
                table->setItem(r, 2, item(QString::number(c.hitCount)));
                table->setItem(r, 3, item(c.enabled ? tr("yes") : tr("no")));
                table->setItem(
                    r, 4, item(c.content.left(300).simplified() + (c.edited ? tr(" (edited)") : QString())));
            }
            if (keep >= 0 && keep < table->rowCount())
                table->selectRow(keep);
        });
    connect(table, &QTableWidget::currentCellChanged, dialog, [editor, seqs](int r) {
        if (r >= 0 && r < seqs->size())
            editor->setPlainText(seqs->at(r).content);
    });
    connect(saveChunk, &QPushButton::clicked, dialog, [this, table, editor, seqs, documentId] {
        const int r = table->currentRow();
        if (r >= 0 && r < seqs->size())
            m_backend->updateChunk(documentId, seqs->at(r).seq, editor->toPlainText());
    });
    connect(toggle, &QPushButton::clicked, dialog, [this, table, seqs, documentId] {
        const int r = table->currentRow();
        if (r >= 0 && r < seqs->size())
            m_backend->setChunkEnabled(documentId, seqs->at(r).seq, !seqs->at(r).enabled);
    });
    m_backend->listChunks(documentId);
    dialog->show();
}

} // namespace cairn
