// cairn-cli commands for model servers: connection add|list|remove, models, chat.
#include "cli/CliApp.h"

#include "common/QuitOnSignal.h"
#include "common/SecretInput.h"
#include "llm/LlmClient.h"
#include "secrets/KeychainSecretStore.h"
#include "services/ConnectionService.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QFile>
#include <QLocale>

#include <cstdio>

namespace cairn {

namespace {

void write(std::FILE *stream, const QString &text)
{
    const QByteArray utf8 = text.toUtf8();
    std::fwrite(utf8.constData(), 1, static_cast<size_t>(utf8.size()), stream);
    std::fflush(stream);
}

} // namespace

ConnectionService &CliApp::connections(const std::shared_ptr<Database> &db)
{
    if (!m_connections) {
        vault(); // creates the keychain store
        m_connections = std::make_unique<ConnectionService>(db, m_secrets.get());
    }
    return *m_connections;
}

int CliApp::connectionCommand(const QStringList &words)
{
    if (words.size() < 2)
        return usage(QCoreApplication::translate("cairn::CliApp", "connection needs add, list or remove"));
    const QString &sub = words.at(1);
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ConnectionService &service = connections(db.value());

    if (sub == QLatin1String("add")) {
        if (words.size() > 2)
            return usage(
                QCoreApplication::translate("cairn::CliApp", "unexpected argument: %1").arg(words.at(2)));
        ConnectionDraft draft;
        draft.name = m_parser.value(QStringLiteral("name"));
        draft.kind = m_parser.value(QStringLiteral("kind"));
        draft.baseUrl = m_parser.value(QStringLiteral("base-url"));
        if (draft.name.isEmpty() || draft.kind.isEmpty() || draft.baseUrl.isEmpty())
            return usage(QCoreApplication::translate(
                "cairn::CliApp", "connection add needs --name, --kind and --base-url"));
        if (m_parser.isSet(QStringLiteral("key-file"))) {
            Result<QByteArray> key = SecretInput::fromFile(m_parser.value(QStringLiteral("key-file")));
            if (!key)
                return fail(key.error());
            draft.apiKey = key.value().trimmed();
        }
        for (const QString &h : m_parser.values(QStringLiteral("header"))) {
            const qsizetype colon = h.indexOf(QLatin1Char(':'));
            if (colon <= 0)
                return usage(
                    QCoreApplication::translate("cairn::CliApp", "--header needs the form \"Name: value\""));
            draft.headers.append(
                qMakePair(h.left(colon).trimmed().toLatin1(), h.mid(colon + 1).trimmed().toUtf8()));
        }
        if (m_parser.isSet(QStringLiteral("azure-api-version")))
            draft.options.insert(
                QStringLiteral("azure_api_version"), m_parser.value(QStringLiteral("azure-api-version")));
        Result<ConnectionRecord> added = service.add(draft);
        if (!added)
            return fail(added.error());
        out(QCoreApplication::translate("cairn::CliApp", "added connection %1 (%2)")
                .arg(added->name, added->id));
        return Ok;
    }
    if (sub == QLatin1String("list")) {
        Result<QList<ConnectionRecord>> list = service.list();
        if (!list)
            return fail(list.error());
        for (const ConnectionRecord &c : list.value()) {
            const QString where = ConnectionService::keyLocation(c);
            out(QStringList {c.name, c.kind, c.baseUrl,
                c.enabled ? QCoreApplication::translate("cairn::CliApp", "enabled")
                          : QCoreApplication::translate("cairn::CliApp", "disabled"),
                where.isEmpty() ? QCoreApplication::translate("cairn::CliApp", "no key")
                                : QCoreApplication::translate("cairn::CliApp", "key in %1").arg(where),
                c.id}
                    .join(QLatin1Char('\t')));
        }
        return Ok;
    }
    if (sub == QLatin1String("remove")) {
        if (words.size() != 3)
            return usage(QCoreApplication::translate(
                "cairn::CliApp", "connection remove needs the connection's name"));
        Result<void> removed = service.remove(words.at(2));
        if (!removed)
            return fail(removed.error());
        out(QCoreApplication::translate("cairn::CliApp", "removed connection %1").arg(words.at(2)));
        return Ok;
    }
    return usage(QCoreApplication::translate("cairn::CliApp", "unknown command: connection %1").arg(sub));
}

int CliApp::modelsCommand(const QStringList &words)
{
    if (words.size() > 1)
        return usage(
            QCoreApplication::translate("cairn::CliApp", "unexpected argument: %1").arg(words.at(1)));
    const QString name = m_parser.value(QStringLiteral("connection"));
    if (name.isEmpty())
        return usage(QCoreApplication::translate("cairn::CliApp", "models needs --connection NAME"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ConnectionService &service = connections(db.value());
    Result<ConnectionRecord> record = service.find(name);
    Result<llm::ProviderConfig> config = record ? service.providerConfig(record.value()) : record.error();
    if (!config)
        return fail(config.error());
    llm::LlmClient::useSystemProxy();
    llm::LlmClient client;
    llm::LlmError error;
    const QList<llm::ModelInfo> models = client.listModelsSync(config.value(), &error);
    if (error.isError())
        return fail(Error::make(ErrorCode::Generic, error.message));
    if (Result<void> saved = service.saveModels(record->id, models); !saved)
        write(stderr,
            QCoreApplication::translate(
                "cairn::CliApp", "cairn-cli: warning: the model list was not saved: %1\n")
                .arg(saved.error().message));
    for (const llm::ModelInfo &m : models) {
        QString line = m.id;
        if (m.contextLength > 0)
            line += QLatin1Char('\t')
                + QCoreApplication::translate("cairn::CliApp", "context %1").arg(m.contextLength);
        if (!m.capabilities.isEmpty())
            line += QLatin1Char('\t') + m.capabilities.join(QLatin1Char(','));
        out(line);
    }
    return Ok;
}

int CliApp::chatCommand(const QStringList &words)
{
    const QString name = m_parser.value(QStringLiteral("connection"));
    if (name.isEmpty())
        return usage(QCoreApplication::translate("cairn::CliApp", "chat needs --connection NAME"));
    QString prompt = words.mid(1).join(QLatin1Char(' '));
    if (words.size() < 2) {
        QFile in;
        if (!in.open(stdin, QIODevice::ReadOnly))
            return usage(QCoreApplication::translate("cairn::CliApp", "no prompt given"));
        prompt = QString::fromUtf8(in.readAll());
    }
    if (prompt.trimmed().isEmpty())
        return usage(QCoreApplication::translate("cairn::CliApp", "the prompt is empty"));
    auto db = unlock();
    if (!db)
        return fail(db.error());
    ConnectionService &service = connections(db.value());
    Result<ConnectionRecord> record = service.find(name);
    Result<llm::ProviderConfig> config = record ? service.providerConfig(record.value()) : record.error();
    if (!config)
        return fail(config.error());
    llm::LlmClient::useSystemProxy();
    llm::LlmClient client;

    // The model: --model, else the default chat model when it is on this connection, else the first
    // enabled model cached for it, else the first the server lists.
    QString model = m_parser.value(QStringLiteral("model"));
    if (model.isEmpty()) {
        Result<ModelRef> def = service.defaultModel(ModelRole::Chat);
        if (def && def->connectionId == record->id)
            model = def->model;
    }
    if (model.isEmpty()) {
        Result<QList<CachedModel>> cached = service.models(record->id);
        if (cached) {
            for (const CachedModel &m : cached.value()) {
                if (m.enabled) {
                    model = m.modelId;
                    break;
                }
            }
        }
    }
    if (model.isEmpty()) {
        llm::LlmError error;
        const QList<llm::ModelInfo> models = client.listModelsSync(config.value(), &error);
        if (error.isError())
            return fail(Error::make(ErrorCode::Generic, error.message));
        if (models.isEmpty())
            return fail(Error::make(ErrorCode::NotFound,
                QCoreApplication::translate("cairn::CliApp", "the server offers no models; give --model")));
        model = models.first().id;
    }
    db.value()->closeThreadConnection();

    llm::ChatRequest request;
    request.model = model;
    if (m_parser.isSet(QStringLiteral("system")))
        request.messages.append(
            {llm::ChatMessage::Role::System, m_parser.value(QStringLiteral("system")), {}});
    request.messages.append({llm::ChatMessage::Role::User, prompt, {}});
    if (m_parser.isSet(QStringLiteral("temperature"))) {
        bool ok = false;
        const double t = m_parser.value(QStringLiteral("temperature")).toDouble(&ok);
        if (!ok)
            return usage(QCoreApplication::translate("cairn::CliApp", "--temperature needs a number"));
        request.params.temperature = t;
    }
    if (m_parser.isSet(QStringLiteral("max-tokens"))) {
        bool ok = false;
        const int n = m_parser.value(QStringLiteral("max-tokens")).toInt(&ok);
        if (!ok || n <= 0)
            return usage(
                QCoreApplication::translate("cairn::CliApp", "--max-tokens needs a positive number"));
        request.params.maxTokens = n;
    }

    // Runs in the application's own event loop, so Ctrl+C (QuitOnSignal) ends it; the stream is
    // then stopped and what arrived is kept.
    QuitOnSignal::install();
    llm::ChatStream *stream = client.chat(config.value(), request);
    bool endsWithNewline = true;
    bool inReasoning = false;
    QObject::connect(stream, &llm::ChatStream::delta, &client, [&](const llm::ChatDelta &d) {
        // Thinking goes to stderr, the answer to stdout, so a pipe gets only the answer.
        if (!d.reasoning.isEmpty()) {
            inReasoning = true;
            write(stderr, d.reasoning);
        }
        if (!d.content.isEmpty()) {
            if (inReasoning) {
                write(stderr, QStringLiteral("\n"));
                inReasoning = false;
            }
            write(stdout, d.content);
            endsWithNewline = d.content.endsWith(QLatin1Char('\n'));
        }
    });
    QObject::connect(
        stream, &llm::ChatStream::retrying, &client, [](int attempt, int delayMs, const QString &reason) {
            write(stderr,
                QCoreApplication::translate("cairn::CliApp", "cairn-cli: %1; retrying in %2 s (attempt %3)\n")
                    .arg(reason, QLocale().toString(delayMs / 1000.0, 'f', 1), QString::number(attempt + 1)));
        });
    QObject::connect(
        stream, &llm::ChatStream::finished, &client, &QCoreApplication::quit, Qt::QueuedConnection);
    if (!stream->isFinished())
        QCoreApplication::exec();
    const bool interrupted = !stream->isFinished();
    if (interrupted)
        stream->stop();
    const llm::ChatResult result = stream->result();
    if (!endsWithNewline)
        write(stdout, QStringLiteral("\n"));
    if (m_parser.isSet(QStringLiteral("verbose")) || m_parser.isSet(QStringLiteral("stats"))) {
        write(stderr,
            QCoreApplication::translate("cairn::CliApp",
                "model %1, %2 prompt + %3 completion tokens, first token after %4 ms, %5 ms in all\n")
                .arg(model)
                .arg(result.promptTokens ? QString::number(*result.promptTokens) : QStringLiteral("?"))
                .arg(
                    result.completionTokens ? QString::number(*result.completionTokens) : QStringLiteral("?"))
                .arg(result.firstTokenMs)
                .arg(result.totalMs));
    }
    if (interrupted || result.status == llm::ChatResult::Status::Stopped) {
        write(stderr, QCoreApplication::translate("cairn::CliApp", "cairn-cli: stopped\n"));
        return 130;
    }
    if (result.status == llm::ChatResult::Status::Error)
        return fail(Error::make(ErrorCode::Generic, result.error.message));
    return Ok;
}

} // namespace cairn
