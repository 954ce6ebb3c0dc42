#include "gui/panes/ConnectionsPage.h"

#include "gui/Async.h"
#include "gui/ConnectionDialog.h"
#include "gui/EmptyState.h"
#include "gui/GuiStyle.h"
#include "llm/LlmClient.h"
#include "storage/Database.h"

#include <QApplication>
#include <QComboBox>
#include <QEvent>
#include <QFormLayout>
#include <QGroupBox>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSignalBlocker>
#include <QStackedWidget>
#include <QStyle>
#include <QTableWidget>
#include <QVBoxLayout>

#include <spdlog/spdlog.h>

namespace cairn {

namespace {
const QColor kErrorColor(0xb0, 0x25, 0x1e);
const QColor kOkColor(0x1e, 0x7b, 0x34);

QString modelsText(qsizetype n)
{
    if (n == 0)
        return ConnectionsPage::tr("no models");
    if (n == 1)
        return ConnectionsPage::tr("1 model");
    return ConnectionsPage::tr("%1 models").arg(n);
}

QString kindLabel(const QString &kind)
{
    if (kind == QLatin1String("openai"))
        return ConnectionsPage::tr("OpenAI-compatible");
    if (kind == QLatin1String("ollama"))
        return ConnectionsPage::tr("Ollama");
    if (kind == QLatin1String("anthropic"))
        return ConnectionsPage::tr("Anthropic");
    return kind;
}

QString shortError(llm::LlmError::Kind kind)
{
    using K = llm::LlmError::Kind;
    switch (kind) {
    case K::BadKey:
        return ConnectionsPage::tr("API key rejected");
    case K::Tls:
        return ConnectionsPage::tr("Certificate not trusted");
    case K::Unreachable:
        return ConnectionsPage::tr("Unreachable");
    case K::Timeout:
        return ConnectionsPage::tr("No answer in time");
    case K::RateLimited:
        return ConnectionsPage::tr("Rate limited");
    case K::ServerError:
        return ConnectionsPage::tr("Server error");
    default:
        return ConnectionsPage::tr("Failed");
    }
}

QString normalizedUrl(QString url)
{
    url = url.trimmed();
    while (url.endsWith(QLatin1Char('/')))
        url.chop(1);
    return url.toLower();
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(static_cast<float>(a.redF() * (1 - t) + b.redF() * t),
        static_cast<float>(a.greenF() * (1 - t) + b.greenF() * t),
        static_cast<float>(a.blueF() * (1 - t) + b.blueF() * t));
}
} // namespace

// One job at a time, in the order asked: a reload queued after a write sees it, and quick changes
// (arrowing through a combo box) are stored in the order they were made.
template<typename Work, typename Done> void ConnectionsPage::runService(Work work, Done done)
{
    ++m_pending;
    m_queue.append([this, work = std::move(work), done = std::move(done)]() mutable {
        runInBackground(
            this,
            [db = m_db, secrets = m_secrets, work = std::move(work)]() mutable {
                ConnectionService service(db, secrets);
                auto result = work(service);
                db->closeThreadConnection();
                return result;
            },
            [this, done = std::move(done)](const auto &result) mutable {
                --m_pending;
                m_running = false;
                done(result);
                runNextJob();
                updateBusy();
            });
    });
    runNextJob();
    updateBusy();
}

void ConnectionsPage::runNextJob()
{
    if (m_running || m_queue.isEmpty())
        return;
    m_running = true;
    std::function<void()> job = m_queue.takeFirst();
    job();
}

ConnectionsPage::ConnectionsPage(
    std::shared_ptr<Database> db, SecretStore *secrets, llm::LlmClient *client, QWidget *parent)
    : QWidget(parent),
      m_db(std::move(db)),
      m_secrets(secrets),
      m_client(client ? client : new llm::LlmClient(this))
{
    setObjectName(QStringLiteral("connectionsPage"));
    setAccessibleName(tr("Connections"));

    m_offersBar = new ServerOffersBar(this, this);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("connectionsTable"));
    m_table->setAccessibleName(tr("Connections"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Kind"), tr("Base URL"), tr("Enabled"), tr("Key"), tr("Status")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->setAlternatingRowColors(true);
    m_table->setShowGrid(false);
    m_table->setWordWrap(false);
    m_table->setTextElideMode(Qt::ElideRight);
    m_table->verticalHeader()->hide();
    m_table->verticalHeader()->setDefaultSectionSize(m_table->fontMetrics().height() + 12);
    QHeaderView *header = m_table->horizontalHeader();
    header->setHighlightSections(false);
    header->setDefaultAlignment(Qt::AlignLeft | Qt::AlignVCenter);
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setSectionResizeMode(UrlColumn, QHeaderView::Stretch);
    header->setSectionResizeMode(EnabledColumn, QHeaderView::ResizeToContents);
    header->setMinimumSectionSize(48);
    m_table->setColumnWidth(NameColumn, 130);
    m_table->setColumnWidth(KindColumn, 130);
    m_table->setColumnWidth(KeyColumn, 80);
    m_table->setColumnWidth(StatusColumn, 150);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, [this]() {
        fillModels();
        updateButtons();
    });
    connect(m_table, &QTableWidget::itemChanged, this, [this](QTableWidgetItem *item) {
        if (item->column() != EnabledColumn)
            return;
        const QString id = m_table->item(item->row(), NameColumn)->data(Qt::UserRole).toString();
        setConnectionEnabled(id, item->checkState() == Qt::Checked);
    });
    connect(m_table, &QTableWidget::itemDoubleClicked, this, [this](QTableWidgetItem *item) {
        editConnection(m_table->item(item->row(), NameColumn)->data(Qt::UserRole).toString());
    });

    auto *empty = new EmptyState(GuiStyle::icon(QStringLiteral("admin")), tr("No connections yet"),
        tr("Add a model server: a provider such as OpenAI or Anthropic with your API key, or a server "
           "on this computer such as Ollama or LM Studio."),
        this);
    empty->setObjectName(QStringLiteral("connectionsEmpty"));
    m_listStack = new QStackedWidget(this);
    m_listStack->addWidget(m_table);
    m_listStack->addWidget(empty);
    m_listStack->setCurrentIndex(1);

    m_add = new QPushButton(tr("&Add…"), this);
    m_edit = new QPushButton(tr("&Edit…"), this);
    m_verify = new QPushButton(style()->standardIcon(QStyle::SP_BrowserReload), tr("&Verify"), this);
    m_enable = new QPushButton(tr("Disa&ble"), this);
    m_delete = new QPushButton(tr("&Delete"), this);
    m_probeButton = new QPushButton(tr("Find &Local Servers"), this);
    m_add->setObjectName(QStringLiteral("addConnection"));
    m_edit->setObjectName(QStringLiteral("editConnection"));
    m_verify->setObjectName(QStringLiteral("verifyConnection"));
    m_enable->setObjectName(QStringLiteral("enableConnection"));
    m_delete->setObjectName(QStringLiteral("deleteConnection"));
    m_probeButton->setObjectName(QStringLiteral("findLocalServers"));
    m_add->setAccessibleName(tr("Add a connection"));
    m_edit->setAccessibleName(tr("Edit the connection"));
    m_verify->setAccessibleName(tr("Verify the connection"));
    m_enable->setAccessibleName(tr("Enable or disable the connection"));
    m_delete->setAccessibleName(tr("Delete the connection"));
    m_probeButton->setAccessibleName(tr("Find model servers on this computer"));
    m_verify->setToolTip(tr("Ask the server for its models"));
    m_probeButton->setToolTip(tr("Look for Ollama, LM Studio and llama.cpp on this computer"));
    connect(m_add, &QPushButton::clicked, this, &ConnectionsPage::addConnection);
    connect(m_edit, &QPushButton::clicked, this, [this]() { editConnection(currentId()); });
    connect(m_verify, &QPushButton::clicked, this, [this]() { verifyConnection(currentId()); });
    connect(m_delete, &QPushButton::clicked, this, [this]() { deleteConnection(currentId()); });
    connect(m_enable, &QPushButton::clicked, this, [this]() {
        if (const ConnectionRecord *r = record(currentId()))
            setConnectionEnabled(r->id, !r->enabled);
    });
    connect(m_probeButton, &QPushButton::clicked, this, &ConnectionsPage::probeLocalServers);
    auto *buttons = new QHBoxLayout;
    buttons->setSpacing(6);
    for (QPushButton *b : {m_add, m_edit, m_verify, m_enable, m_delete})
        buttons->addWidget(b);
    buttons->addStretch(1);
    buttons->addWidget(m_probeButton);

    m_busyLabel = new QLabel(this);
    m_busyLabel->setObjectName(QStringLiteral("connectionsBusy"));
    m_progress = new QProgressBar(this);
    m_progress->setRange(0, 0);
    m_progress->setTextVisible(false);
    m_progress->setMaximumHeight(6);
    m_progress->setMaximumWidth(160);
    m_progress->setAccessibleName(tr("Working"));
    m_busyLabel->hide();
    m_progress->hide();

    m_status = new QLabel(this);
    m_status->setObjectName(QStringLiteral("connectionsStatus"));
    m_status->setWordWrap(true);
    m_status->setTextFormat(Qt::PlainText);
    m_status->setTextInteractionFlags(Qt::TextSelectableByMouse);
    m_status->setAccessibleName(tr("Result"));
    m_status->hide();
    m_trust = new QPushButton(tr("&Trust This Certificate…"), this);
    m_trust->setObjectName(QStringLiteral("trustCertificate"));
    m_trust->setAccessibleName(tr("Trust this certificate"));
    m_trust->hide();
    connect(m_trust, &QPushButton::clicked, this, &ConnectionsPage::trustCertificate);
    auto *statusRow = new QHBoxLayout;
    statusRow->setSpacing(10);
    statusRow->addWidget(m_busyLabel);
    statusRow->addWidget(m_progress, 0, Qt::AlignVCenter);
    statusRow->addWidget(m_status, 1);
    statusRow->addWidget(m_trust, 0, Qt::AlignTop);

    auto *modelsBox = new QGroupBox(tr("Models"), this);
    m_modelsBox = modelsBox;
    modelsBox->setObjectName(QStringLiteral("modelsBox"));
    m_models = new QListWidget(modelsBox);
    m_models->setObjectName(QStringLiteral("models"));
    m_models->setAccessibleName(tr("Models of the selected connection"));
    m_models->setUniformItemSizes(true);
    connect(m_models, &QListWidget::itemChanged, this, [this](QListWidgetItem *item) {
        const QString model = item->data(Qt::UserRole).toString();
        const QString id = currentId();
        if (model.isEmpty() || id.isEmpty())
            return;
        const bool enabled = item->checkState() == Qt::Checked;
        runService(
            [id, model, enabled](ConnectionService &s) { return s.setModelEnabled(id, model, enabled); },
            [this](const Result<void> &done) {
                if (!done)
                    setStatus(tr("The model could not be changed: %1").arg(done.error().message), true);
                reload();
            });
    });
    auto *modelsLayout = new QVBoxLayout(modelsBox);
    modelsLayout->setSpacing(6);
    modelsLayout->addWidget(
        GuiStyle::note(tr("Unchecked models are not offered when you choose a model."), modelsBox));
    modelsLayout->addWidget(m_models, 1);

    auto *defaultsBox = new QGroupBox(tr("Defaults"), this);
    defaultsBox->setObjectName(QStringLiteral("defaultsBox"));
    auto *defaultsForm = new QFormLayout(defaultsBox);
    defaultsForm->setFieldGrowthPolicy(QFormLayout::AllNonFixedFieldsGrow);
    defaultsForm->setVerticalSpacing(8);
    const std::array<QString, 3> labels = {tr("&Chat model:"), tr("E&mbedding model:"), tr("&Task model:")};
    const std::array<QString, 3> names = {tr("Default chat model"), tr("Default embedding model"),
        tr("Task model, used for conversation titles")};
    const std::array<QString, 3> objectNames
        = {QStringLiteral("defaultChat"), QStringLiteral("defaultEmbedding"), QStringLiteral("defaultTask")};
    for (int r = 0; r < 3; ++r) {
        auto *combo = new QComboBox(defaultsBox);
        combo->setObjectName(objectNames[r]);
        combo->setAccessibleName(names[r]);
        combo->setSizeAdjustPolicy(QComboBox::AdjustToMinimumContentsLengthWithIcon);
        combo->setMinimumContentsLength(16);
        combo->addItem(tr("(none)"), QStringList());
        connect(combo, &QComboBox::activated, this,
            [this, r](int index) { setDefault(static_cast<ModelRole>(r), index); });
        m_defaults[r] = combo;
        defaultsForm->addRow(labels[r], combo);
    }
    defaultsForm->addRow(GuiStyle::note(
        tr("The task model writes titles for conversations; without one, the chat model does."),
        defaultsBox));

    auto *lower = new QHBoxLayout;
    lower->setSpacing(12);
    lower->addWidget(modelsBox, 1);
    lower->addWidget(defaultsBox, 1);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 12, 0, 0);
    layout->setSpacing(8);
    layout->addWidget(m_offersBar);
    layout->addWidget(GuiStyle::note(tr("The model servers Cairn talks to. API keys are kept in the system "
                                        "keychain, never in a file. Verify a connection to list its models."),
        this));
    layout->addWidget(m_listStack, 3);
    layout->addLayout(buttons);
    layout->addLayout(statusRow);
    layout->addLayout(lower, 2);

    updateButtons();
    reload();
}

ConnectionsPage::~ConnectionsPage()
{
    if (m_verifyJob)
        m_verifyJob->disconnect(this);
}

bool ConnectionsPage::isBusy() const
{
    return m_pending > 0 || m_verifyJob || m_probe;
}

ConnectionDialog *ConnectionsPage::connectionDialog() const
{
    return m_dialog;
}

QMessageBox *ConnectionsPage::messageBox() const
{
    return m_box;
}

const ConnectionRecord *ConnectionsPage::record(const QString &id) const
{
    for (const ConnectionRecord &r : m_connections)
        if (r.id == id)
            return &r;
    return nullptr;
}

QString ConnectionsPage::currentId() const
{
    const QList<QTableWidgetItem *> selected = m_table->selectedItems();
    if (selected.isEmpty())
        return {};
    QTableWidgetItem *item = m_table->item(selected.first()->row(), NameColumn);
    return item ? item->data(Qt::UserRole).toString() : QString();
}

bool ConnectionsPage::selectConnection(const QString &idOrName)
{
    for (int row = 0; row < m_table->rowCount(); ++row) {
        QTableWidgetItem *item = m_table->item(row, NameColumn);
        if (item->data(Qt::UserRole).toString() == idOrName || item->text() == idOrName) {
            m_table->selectRow(row);
            return true;
        }
    }
    return false;
}

void ConnectionsPage::reload()
{
    const int generation = ++m_reloadGeneration;
    runService(
        [](ConnectionService &s) {
            Snapshot snap;
            Result<QList<ConnectionRecord>> list = s.list();
            if (!list) {
                snap.error = list.error().message;
                return snap;
            }
            snap.connections = list.value();
            for (const ConnectionRecord &c : std::as_const(snap.connections)) {
                Result<QList<CachedModel>> models = s.models(c.id);
                if (models)
                    snap.models.insert(c.id, models.value());
            }
            for (int r = 0; r < 3; ++r) {
                Result<ModelRef> ref = s.defaultModel(static_cast<ModelRole>(r));
                if (ref)
                    snap.defaults[r] = ref.value();
            }
            return snap;
        },
        [this, generation](const Snapshot &snap) {
            if (generation == m_reloadGeneration)
                showSnapshot(snap);
        });
}

void ConnectionsPage::showSnapshot(const Snapshot &snap)
{
    if (!snap.error.isEmpty()) {
        setStatus(tr("Could not read the connections: %1").arg(snap.error), true);
        Q_EMIT loaded();
        return;
    }
    m_connections = snap.connections;
    m_cachedModels = snap.models;
    m_defaultRefs = snap.defaults;
    m_loadedOnce = true;
    fillTable();
    fillDefaults();
    Q_EMIT loaded();
}

QString ConnectionsPage::statusText(const QString &id, QString *toolTip, bool *error) const
{
    *error = false;
    toolTip->clear();
    if (id == m_verifyingId)
        return tr("Verifying…");
    const QList<CachedModel> models = m_cachedModels.value(id);
    qsizetype hidden = 0;
    for (const CachedModel &m : models)
        hidden += m.enabled ? 0 : 1;
    const QString count = hidden > 0 ? tr("%1 (%2 hidden)").arg(modelsText(models.size())).arg(hidden)
                                     : modelsText(models.size());
    const auto state = m_verifyStates.constFind(id);
    if (state != m_verifyStates.constEnd()) {
        if (state->ok) {
            *toolTip = tr("Verified: the server answered with %1.").arg(modelsText(state->modelCount));
            return count;
        }
        *error = true;
        *toolTip = state->message;
        return shortError(state->kind);
    }
    if (models.isEmpty())
        return tr("Not verified");
    *toolTip = tr("The models the server listed when last verified");
    return count;
}

void ConnectionsPage::fillTable()
{
    const QString selected = m_pendingSelection.isEmpty() ? currentId() : m_pendingSelection;
    m_pendingSelection.clear();
    {
        const QSignalBlocker blocker(m_table);
        m_table->clearSelection();
        m_table->setRowCount(static_cast<int>(m_connections.size()));
        int selectRow = m_connections.isEmpty() ? -1 : 0;
        for (int row = 0; row < m_connections.size(); ++row) {
            const ConnectionRecord &c = m_connections[row];
            auto *name = new QTableWidgetItem(c.name);
            name->setData(Qt::UserRole, c.id);
            name->setToolTip(c.name);
            m_table->setItem(row, NameColumn, name);
            m_table->setItem(row, KindColumn, new QTableWidgetItem(kindLabel(c.kind)));
            auto *url = new QTableWidgetItem(c.baseUrl);
            url->setToolTip(c.baseUrl);
            m_table->setItem(row, UrlColumn, url);
            auto *enabled = new QTableWidgetItem;
            enabled->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
            enabled->setCheckState(c.enabled ? Qt::Checked : Qt::Unchecked);
            enabled->setData(Qt::AccessibleTextRole, c.enabled ? tr("Enabled") : tr("Disabled"));
            m_table->setItem(row, EnabledColumn, enabled);
            const QString where = ConnectionService::keyLocation(c);
            auto *key = new QTableWidgetItem(where == QLatin1String("keychain") ? tr("Keychain")
                    : where == QLatin1String("database")                        ? tr("Database")
                                                                                : tr("None"));
            key->setToolTip(where == QLatin1String("keychain")
                    ? tr("The API key is kept in the system keychain")
                    : where == QLatin1String("database")
                    ? tr("No keychain is available: the API key is kept inside the encrypted database")
                    : tr("No API key is stored"));
            m_table->setItem(row, KeyColumn, key);
            m_table->setItem(row, StatusColumn, new QTableWidgetItem);
            if (c.id == selected)
                selectRow = row;
        }
        if (selectRow >= 0)
            m_table->selectRow(selectRow);
    }
    for (int row = 0; row < m_table->rowCount(); ++row) {
        const QString id = m_table->item(row, NameColumn)->data(Qt::UserRole).toString();
        QString tip;
        bool error = false;
        QTableWidgetItem *status = m_table->item(row, StatusColumn);
        status->setText(statusText(id, &tip, &error));
        status->setToolTip(tip);
        status->setForeground(error ? QBrush(kErrorColor) : QBrush());
    }
    m_listStack->setCurrentIndex(m_connections.isEmpty() ? 1 : 0);
    fillModels();
    updateButtons();
}

void ConnectionsPage::fillModels()
{
    const QString id = currentId();
    const ConnectionRecord *rec = record(id);
    m_modelsBox->setTitle(rec ? tr("Models of \u201c%1\u201d").arg(rec->name) : tr("Models"));
    const QSignalBlocker blocker(m_models);
    m_models->clear();
    if (!rec)
        return;
    const QList<CachedModel> models = m_cachedModels.value(id);
    if (models.isEmpty()) {
        auto *placeholder
            = new QListWidgetItem(tr("No models known yet. Verify the connection to list them."), m_models);
        placeholder->setFlags(Qt::NoItemFlags);
        return;
    }
    const QLocale locale;
    const int rowHeight = m_models->fontMetrics().height() + 8;
    for (const CachedModel &m : models) {
        const QString text = m.displayName.isEmpty() || m.displayName == m.modelId
            ? m.modelId
            : tr("%1 (%2)").arg(m.displayName, m.modelId);
        auto *item = new QListWidgetItem(text, m_models);
        item->setSizeHint(QSize(0, rowHeight));
        item->setData(Qt::UserRole, m.modelId);
        item->setFlags(Qt::ItemIsEnabled | Qt::ItemIsSelectable | Qt::ItemIsUserCheckable);
        item->setCheckState(m.enabled ? Qt::Checked : Qt::Unchecked);
        QStringList facts;
        if (m.contextLength > 0)
            facts.append(tr("context of %1 tokens").arg(locale.toString(m.contextLength)));
        if (!m.capabilities.isEmpty())
            facts.append(m.capabilities.join(QStringLiteral(", ")));
        item->setToolTip(facts.isEmpty()
                ? m.modelId
                : m.modelId + QStringLiteral(": ") + facts.join(QStringLiteral("; ")));
    }
}

void ConnectionsPage::fillDefaults()
{
    const QString separator = QStringLiteral(" \u00b7 ");
    for (int r = 0; r < 3; ++r) {
        QComboBox *combo = m_defaults[r];
        const QSignalBlocker blocker(combo);
        combo->clear();
        combo->addItem(tr("(none)"), QStringList());
        const ModelRef current = m_defaultRefs[r];
        int selected = 0;
        for (const ConnectionRecord &c : std::as_const(m_connections)) {
            if (!c.enabled)
                continue;
            const QList<CachedModel> models = m_cachedModels.value(c.id);
            for (const CachedModel &m : models) {
                if (!m.enabled)
                    continue;
                combo->addItem(c.name + separator + m.modelId, QStringList {c.id, m.modelId});
                if (current == ModelRef {c.id, m.modelId})
                    selected = combo->count() - 1;
            }
        }
        if (selected == 0 && current.isValid()) {
            const ConnectionRecord *c = record(current.connectionId);
            combo->addItem(tr("%1 (not available)")
                               .arg((c ? c->name : tr("unknown connection")) + separator + current.model),
                QStringList {current.connectionId, current.model});
            selected = combo->count() - 1;
        }
        combo->setCurrentIndex(selected);
    }
}

void ConnectionsPage::setDefault(ModelRole role, int index)
{
    const QStringList choice = m_defaults[static_cast<int>(role)]->itemData(index).toStringList();
    const ModelRef ref = choice.size() == 2 ? ModelRef {choice[0], choice[1]} : ModelRef {};
    runService([role, ref](ConnectionService &s) { return s.setDefaultModel(role, ref); },
        [this](const Result<void> &done) {
            if (!done)
                setStatus(tr("The default could not be saved: %1").arg(done.error().message), true);
            reload();
        });
}

void ConnectionsPage::updateButtons()
{
    const ConnectionRecord *rec = record(currentId());
    m_edit->setEnabled(rec);
    m_delete->setEnabled(rec);
    m_enable->setEnabled(rec);
    m_verify->setEnabled(rec && !isVerifying());
    m_enable->setText(!rec || rec->enabled ? tr("Disa&ble") : tr("Ena&ble"));
    m_probeButton->setEnabled(!m_probe);
    m_trust->setVisible(!m_trustSha256.isEmpty() && !isVerifying());
}

void ConnectionsPage::updateBusy()
{
    const bool visible = isVerifying() || m_probe;
    if (isVerifying()) {
        const ConnectionRecord *rec = record(m_verifyingId);
        m_busyLabel->setText(tr("Verifying \u201c%1\u201d…").arg(rec ? rec->name : QString()));
    } else if (m_probe) {
        m_busyLabel->setText(tr("Looking for model servers on this computer…"));
    }
    m_busyLabel->setVisible(visible);
    m_progress->setVisible(visible);
    if (visible)
        m_status->hide();
    updateButtons();
}

void ConnectionsPage::setStatus(const QString &text, bool error)
{
    m_status->setText(text);
    QPalette p = m_status->palette();
    p.setColor(QPalette::WindowText, error ? kErrorColor : kOkColor);
    m_status->setPalette(p);
    m_status->setAccessibleDescription(text);
    m_status->setVisible(!text.isEmpty());
}

void ConnectionsPage::addConnection()
{
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    openDialog(new ConnectionDialog(this));
}

void ConnectionsPage::editConnection(const QString &id)
{
    const ConnectionRecord *rec = record(id);
    if (!rec)
        return;
    if (m_dialog) {
        m_dialog->raise();
        m_dialog->activateWindow();
        return;
    }
    openDialog(new ConnectionDialog(*rec, ConnectionService::keyLocation(*rec), this));
}

void ConnectionsPage::openDialog(ConnectionDialog *dialog)
{
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ConnectionDialog::saveRequested, this, &ConnectionsPage::saveFromDialog);
    m_dialog = dialog;
    dialog->open();
}

void ConnectionsPage::saveFromDialog(const ConnectionDraft &draft)
{
    QPointer<ConnectionDialog> dialog = m_dialog;
    if (!dialog)
        return;
    const QString id = dialog->connectionId();
    dialog->setBusy(true);
    runService(
        [id, draft](ConnectionService &s) { return id.isEmpty() ? s.add(draft) : s.update(id, draft); },
        [this, dialog](const Result<ConnectionRecord> &saved) {
            if (!saved) {
                spdlog::info("saving a connection failed: {}", saved.error().message.toStdString());
                if (dialog) {
                    dialog->setBusy(false);
                    dialog->showError(saved.error().message);
                } else {
                    setStatus(tr("The connection was not saved: %1").arg(saved.error().message), true);
                }
                return;
            }
            if (dialog)
                dialog->done(QDialog::Accepted);
            const QString savedId = saved->id;
            const bool enabled = saved->enabled;
            m_verifyStates.remove(savedId);
            m_trustSha256.clear();
            m_pendingSelection = savedId;
            setStatus(tr("Saved \u201c%1\u201d.").arg(saved->name), false);
            // Verify the new settings straight away, once the list knows the connection.
            auto once = std::make_shared<QMetaObject::Connection>();
            *once = connect(this, &ConnectionsPage::loaded, this, [this, once, savedId, enabled]() {
                disconnect(*once);
                if (enabled)
                    verifyConnection(savedId);
            });
            reload();
        });
}

void ConnectionsPage::verifyConnection(const QString &id)
{
    const ConnectionRecord *rec = record(id);
    if (!rec || isVerifying())
        return;
    m_verifyingId = id;
    m_trustId.clear();
    m_trustSha256.clear();
    m_status->hide();
    fillTable();
    updateBusy();
    runService([id](ConnectionService &s) { return s.providerConfig(id); },
        [this, id](const Result<llm::ProviderConfig> &config) {
            if (!config) {
                finishVerify(id, VerifyState {false, 0, llm::LlmError::Kind::None, config.error().message});
                return;
            }
            llm::ModelsJob *job = m_client->listModels(config.value());
            m_verifyJob = job;
            connect(job, &llm::ModelsJob::finished, this, [this, id, job]() { onVerifyFinished(id, job); });
            if (job->isFinished())
                onVerifyFinished(id, job);
        });
}

void ConnectionsPage::onVerifyFinished(const QString &id, llm::ModelsJob *job)
{
    if (m_verifyJob != job)
        return;
    m_verifyJob = nullptr;
    const llm::LlmError error = job->error();
    const QList<llm::ModelInfo> models = job->models();
    job->deleteLater();
    if (error.isError()) {
        spdlog::info("verifying connection {} failed: {}", id.toStdString(), error.message.toStdString());
        finishVerify(id, VerifyState {false, 0, error.kind, error.message}, error.certSha256);
        return;
    }
    runService([id, models](ConnectionService &s) { return s.saveModels(id, models); },
        [this, id, count = static_cast<int>(models.size())](const Result<void> &saved) {
            if (!saved)
                finishVerify(id,
                    VerifyState {false, 0, llm::LlmError::Kind::None,
                        tr("The server answered, but its models could not be saved: %1")
                            .arg(saved.error().message)});
            else
                finishVerify(id, VerifyState {true, count, llm::LlmError::Kind::None, {}});
            reload();
        });
}

void ConnectionsPage::finishVerify(const QString &id, const VerifyState &state, const QByteArray &certSha256)
{
    m_verifyingId.clear();
    m_verifyStates.insert(id, state);
    const ConnectionRecord *rec = record(id);
    const QString name = rec ? rec->name : QString();
    if (state.ok)
        setStatus(tr("\u201c%1\u201d answers with %2.").arg(name, modelsText(state.modelCount)), false);
    else
        setStatus(tr("\u201c%1\u201d could not be verified. %2").arg(name, state.message), true);
    if (!state.ok && state.kind == llm::LlmError::Kind::Tls && !certSha256.isEmpty()) {
        m_trustId = id;
        m_trustSha256 = certSha256;
    }
    fillTable();
    updateBusy();
    Q_EMIT verified(id, state.ok);
}

void ConnectionsPage::trustCertificate()
{
    if (m_trustSha256.isEmpty() || m_box)
        return;
    const ConnectionRecord *rec = record(m_trustId);
    if (!rec)
        return;
    const QString id = m_trustId;
    const QByteArray sha = m_trustSha256;
    auto *box = new QMessageBox(QMessageBox::Warning, tr("Trust This Certificate?"),
        tr("The server of \u201c%1\u201d presents a TLS certificate that Cairn cannot verify.")
            .arg(rec->name),
        QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("trustCertificateBox"));
    box->setInformativeText(
        tr("<p>Trust it only if you know it is your server's own certificate: compare this SHA-256 "
           "fingerprint with the one your server shows.</p>")
        + QStringLiteral("<p><tt>%1</tt></p>")
              .arg(ConnectionDialog::formatFingerprint(sha, 8).toHtmlEscaped().replace(
                  QLatin1Char('\n'), QStringLiteral("<br>")))
        + tr("<p>You can forget it again in the connection's settings.</p>"));
    QPushButton *trust = box->addButton(tr("&Trust Certificate"), QMessageBox::AcceptRole);
    trust->setObjectName(QStringLiteral("trust"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, trust, id, sha]() {
        if (box->clickedButton() != trust)
            return;
        runService([id, sha](ConnectionService &s) { return s.trustCertificate(id, sha); },
            [this, id](const Result<void> &done) {
                if (!done) {
                    setStatus(tr("The certificate could not be trusted: %1").arg(done.error().message), true);
                    return;
                }
                m_trustSha256.clear();
                m_trustId.clear();
                updateButtons();
                verifyConnection(id);
            });
    });
    m_box = box;
    box->open();
}

void ConnectionsPage::deleteConnection(const QString &id)
{
    const ConnectionRecord *rec = record(id);
    if (!rec || m_box)
        return;
    const QString name = rec->name;
    auto *box = new QMessageBox(QMessageBox::Question, tr("Delete Connection"),
        tr("Delete the connection \u201c%1\u201d?").arg(name), QMessageBox::Cancel, this);
    box->setObjectName(QStringLiteral("deleteConnectionBox"));
    box->setInformativeText(tr("Its API key is removed from the keychain, its list of models is forgotten, "
                               "and defaults that use it are cleared."));
    QPushButton *remove = box->addButton(tr("&Delete"), QMessageBox::DestructiveRole);
    remove->setObjectName(QStringLiteral("delete"));
    box->setDefaultButton(QMessageBox::Cancel);
    box->setAttribute(Qt::WA_DeleteOnClose);
    connect(box, &QMessageBox::finished, this, [this, box, remove, id, name]() {
        if (box->clickedButton() != remove)
            return;
        runService([id](ConnectionService &s) { return s.remove(id); },
            [this, id, name](const Result<void> &done) {
                if (!done) {
                    setStatus(
                        tr("\u201c%1\u201d could not be deleted: %2").arg(name, done.error().message), true);
                } else {
                    m_verifyStates.remove(id);
                    if (m_trustId == id) {
                        m_trustId.clear();
                        m_trustSha256.clear();
                    }
                    setStatus(tr("Deleted \u201c%1\u201d.").arg(name), false);
                }
                reload();
            });
    });
    m_box = box;
    box->open();
}

void ConnectionsPage::setConnectionEnabled(const QString &id, bool enabled)
{
    if (!record(id))
        return;
    runService([id, enabled](ConnectionService &s) { return s.setEnabled(id, enabled); },
        [this](const Result<void> &done) {
            if (!done)
                setStatus(tr("The connection could not be changed: %1").arg(done.error().message), true);
            reload();
        });
}

void ConnectionsPage::probeLocalServersIfEmpty()
{
    runService(
        [](ConnectionService &s) {
            Result<QList<ConnectionRecord>> list = s.list();
            return list ? static_cast<int>(list->size()) : -1;
        },
        [this](int count) {
            if (count == 0)
                probeLocalServers();
            else
                Q_EMIT probeFinished();
        });
}

void ConnectionsPage::probeLocalServers()
{
    if (m_probe)
        return;
    const bool manual = sender() == m_probeButton;
    auto *probe = new llm::LocalProbe(m_client, this);
    m_probe = probe;
    connect(probe, &llm::LocalProbe::finished, this, [this, probe, manual]() {
        const QList<llm::LocalProbe::Found> found = probe->found();
        probe->deleteLater();
        m_probe = nullptr;
        QList<llm::LocalProbe::Found> offers;
        for (const llm::LocalProbe::Found &f : found) {
            const QString url = normalizedUrl(f.candidate.baseUrl.toString());
            bool known = false;
            for (const ConnectionRecord &c : std::as_const(m_connections))
                known = known || normalizedUrl(c.baseUrl) == url;
            if (!known)
                offers.append(f);
        }
        spdlog::info("local probe: {} server(s) answered, {} offered", found.size(), offers.size());
        m_offers = offers;
        updateBusy();
        if (manual && offers.isEmpty())
            setStatus(found.isEmpty() ? tr("No model server answered on this computer.")
                                      : tr("The model servers on this computer are already connections."),
                false);
        Q_EMIT offersChanged();
        Q_EMIT probeFinished();
    });
    probe->start(llm::LocalProbe::defaultCandidates());
    updateBusy();
}

void ConnectionsPage::acceptOffer(int index)
{
    if (index < 0 || index >= m_offers.size())
        return;
    const llm::LocalProbe::Found offer = m_offers.takeAt(index);
    Q_EMIT offersChanged();
    ConnectionDraft draft;
    draft.kind = llm::kindToString(offer.candidate.kind);
    draft.baseUrl = offer.candidate.baseUrl.toString();
    draft.name = offer.candidate.label;
    for (int n = 2;; ++n) {
        bool taken = false;
        for (const ConnectionRecord &c : std::as_const(m_connections))
            taken = taken || c.name.compare(draft.name, Qt::CaseInsensitive) == 0;
        if (!taken)
            break;
        draft.name = tr("%1 (%2)").arg(offer.candidate.label).arg(n);
    }
    runService(
        [draft, models = offer.models](ConnectionService &s) -> Result<ConnectionRecord> {
            Result<ConnectionRecord> added = s.add(draft);
            if (!added)
                return added;
            if (Result<void> saved = s.saveModels(added->id, models); !saved)
                spdlog::warn("the models of {} could not be saved: {}", added->id.toStdString(),
                    saved.error().message.toStdString());
            return added;
        },
        [this, offer, index](const Result<ConnectionRecord> &added) {
            if (!added) {
                const QString message
                    = tr("%1 could not be added: %2").arg(offer.candidate.label, added.error().message);
                setStatus(message, true);
                m_offers.insert(qMin(index, static_cast<int>(m_offers.size())), offer);
                Q_EMIT offersChanged();
                Q_EMIT offerFailed(message);
                return;
            }
            m_verifyStates.insert(added->id,
                VerifyState {true, static_cast<int>(offer.models.size()), llm::LlmError::Kind::None, {}});
            m_pendingSelection = added->id;
            setStatus(
                tr("Added \u201c%1\u201d with %2.").arg(added->name, modelsText(offer.models.size())), false);
            reload();
            Q_EMIT offerAccepted(added->name);
        });
}

void ConnectionsPage::dismissOffer(int index)
{
    if (index < 0 || index >= m_offers.size())
        return;
    m_offers.removeAt(index);
    Q_EMIT offersChanged();
}

// ---- ServerOffersBar

ServerOffersBar::ServerOffersBar(ConnectionsPage *page, QWidget *parent) : QFrame(parent), m_page(page)
{
    setObjectName(QStringLiteral("serverOffers"));
    setAccessibleName(tr("Model servers found on this computer"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(12, 6, 8, 6);
    layout->setSpacing(2);
    applyColors();
    connect(page, &ConnectionsPage::offersChanged, this, &ServerOffersBar::rebuild);
    rebuild();
}

QString ServerOffersBar::offerText(const llm::LocalProbe::Found &found)
{
    return tr("Cairn found %1 at %2 with %3.")
        .arg(found.candidate.label, found.candidate.baseUrl.toString(), modelsText(found.models.size()));
}

void ServerOffersBar::rebuild()
{
    // The rows go later: this may run inside the clicked() of one of their buttons.
    const QList<QWidget *> rows
        = findChildren<QWidget *>(QStringLiteral("offerRow"), Qt::FindDirectChildrenOnly);
    for (QWidget *row : rows) {
        row->hide();
        row->setObjectName(QString());
        row->deleteLater();
    }
    m_addButtons.clear();
    m_dismissButtons.clear();
    m_texts.clear();
    const QList<llm::LocalProbe::Found> offers = m_page->offers();
    const int iconSize = style()->pixelMetric(QStyle::PM_SmallIconSize);
    for (int i = 0; i < offers.size(); ++i) {
        auto *row = new QWidget(this);
        row->setObjectName(QStringLiteral("offerRow"));
        auto *icon = new QLabel(row);
        icon->setPixmap(style()->standardIcon(QStyle::SP_MessageBoxInformation).pixmap(iconSize, iconSize));
        auto *text = new QLabel(offerText(offers[i]), row);
        text->setWordWrap(true);
        text->setTextFormat(Qt::PlainText);
        auto *add = new QPushButton(tr("Add"), row);
        add->setAccessibleName(tr("Add %1 as a connection").arg(offers[i].candidate.label));
        add->setObjectName(QStringLiteral("acceptOffer"));
        auto *dismiss = new QPushButton(tr("Dismiss"), row);
        dismiss->setAccessibleName(tr("Dismiss the offer of %1").arg(offers[i].candidate.label));
        dismiss->setObjectName(QStringLiteral("dismissOffer"));
        connect(add, &QPushButton::clicked, m_page, [page = m_page, i]() { page->acceptOffer(i); });
        connect(dismiss, &QPushButton::clicked, m_page, [page = m_page, i]() { page->dismissOffer(i); });
        auto *h = new QHBoxLayout(row);
        h->setContentsMargins(0, 0, 0, 0);
        h->setSpacing(8);
        h->addWidget(icon);
        h->addWidget(text, 1);
        h->addWidget(add);
        h->addWidget(dismiss);
        layout()->addWidget(row);
        m_addButtons.append(add);
        m_dismissButtons.append(dismiss);
        m_texts.append(text);
    }
    setVisible(!offers.isEmpty());
}

void ServerOffersBar::applyColors()
{
    // From the surroundings' palette: the style sheet below changes this widget's own.
    const QPalette p = parentWidget() ? parentWidget()->palette() : QApplication::palette();
    const QColor background = mix(p.color(QPalette::Window), p.color(QPalette::Highlight), 0.12);
    const QColor border = mix(p.color(QPalette::Window), p.color(QPalette::Highlight), 0.45);
    const QString sheet = QStringLiteral("QFrame#serverOffers { background-color: %1; border: 1px solid %2; "
                                         "border-radius: 6px; }")
                              .arg(background.name(), border.name());
    if (sheet != styleSheet())
        setStyleSheet(sheet);
}

void ServerOffersBar::changeEvent(QEvent *event)
{
    QFrame::changeEvent(event);
    if (event->type() == QEvent::ParentChange || event->type() == QEvent::ApplicationPaletteChange)
        applyColors();
}

} // namespace cairn
