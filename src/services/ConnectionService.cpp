#include "services/ConnectionService.h"

#include "common/Redactor.h"
#include "secrets/SecretStore.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QUrl>
#include <QUuid>

#include <cmath>

#include <spdlog/spdlog.h>

namespace cairn {

namespace {

const QString kKeychainPrefix = QStringLiteral("keychain:");
const QString kInDatabase = QStringLiteral("db");

QString keychainEntry(const QString &id)
{
    return QStringLiteral("connection/") + id;
}

bool isHeaderToken(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (char c : name) {
        const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
            || QByteArrayView("!#$%&'*+-.^_`|~").contains(c);
        if (!ok)
            return false;
    }
    return true;
}

void applyDraft(ConnectionRecord &rec, const ConnectionDraft &draft)
{
    rec.name = draft.name.trimmed();
    rec.kind = draft.kind.trimmed().toLower();
    rec.baseUrl = draft.baseUrl.trimmed();
    rec.headers = draft.headers;
    rec.enabled = draft.enabled;
    rec.connectTimeoutMs = draft.connectTimeoutMs;
    rec.firstByteTimeoutMs = draft.firstByteTimeoutMs;
    rec.idleTimeoutMs = draft.idleTimeoutMs;
    rec.priceInputPerMTok = draft.priceInputPerMTok;
    rec.priceOutputPerMTok = draft.priceOutputPerMTok;
    rec.options = draft.options;
}

} // namespace

ConnectionDraft ConnectionDraft::fromRecord(const ConnectionRecord &r)
{
    ConnectionDraft d;
    d.name = r.name;
    d.kind = r.kind;
    d.baseUrl = r.baseUrl;
    d.headers = r.headers;
    d.enabled = r.enabled;
    d.connectTimeoutMs = r.connectTimeoutMs;
    d.firstByteTimeoutMs = r.firstByteTimeoutMs;
    d.idleTimeoutMs = r.idleTimeoutMs;
    d.priceInputPerMTok = r.priceInputPerMTok;
    d.priceOutputPerMTok = r.priceOutputPerMTok;
    d.options = r.options;
    return d;
}

ConnectionService::ConnectionService(std::shared_ptr<Database> db, SecretStore *secrets)
    : m_db(std::move(db)), m_secrets(secrets)
{ }

Result<ConnectionRepository> ConnectionService::repo()
{
    Result<QSqlDatabase> c = m_db->threadConnection();
    if (!c)
        return c.error();
    return ConnectionRepository(c.value());
}

std::optional<Error> ConnectionService::validate(const ConnectionDraft &d) const
{
    const QString name = d.name.trimmed();
    if (name.isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::ConnectionService", "A connection needs a name."));
    if (name.size() > 100)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "cairn::ConnectionService", "A connection's name can have at most 100 characters."));
    if (!llm::kindFromString(d.kind))
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::ConnectionService",
                "Unknown kind of server \u201c%1\u201d; use openai, ollama or anthropic.")
                .arg(d.kind));
    const QUrl url(d.baseUrl.trimmed(), QUrl::StrictMode);
    if (!url.isValid() || (url.scheme() != QStringLiteral("http") && url.scheme() != QStringLiteral("https"))
        || url.host().isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::ConnectionService",
                "The base URL \u201c%1\u201d is not an http:// or https:// address.")
                .arg(d.baseUrl));
    if (!url.userInfo().isEmpty())
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate(
                "cairn::ConnectionService", "Put credentials in the API key field, not in the base URL."));
    for (const auto &[headerName, value] : d.headers) {
        if (!isHeaderToken(headerName) || value.contains('\n') || value.contains('\r'))
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate(
                    "cairn::ConnectionService", "The header \u201c%1\u201d is not a valid HTTP header.")
                    .arg(QString::fromLatin1(headerName)));
    }
    for (int t : {d.connectTimeoutMs, d.firstByteTimeoutMs, d.idleTimeoutMs}) {
        if (t < 100 || t > 24 * 3600 * 1000)
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate(
                    "cairn::ConnectionService", "Timeouts must lie between 0.1 s and 24 hours."));
    }
    for (const auto &p : {d.priceInputPerMTok, d.priceOutputPerMTok}) {
        if (p && (*p < 0 || !std::isfinite(*p)))
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::ConnectionService", "Prices cannot be negative."));
    }
    if (d.apiKey && (d.apiKey->contains('\n') || d.apiKey->contains('\r')))
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::ConnectionService", "The API key must be a single line."));
    return std::nullopt;
}

Result<QString> ConnectionService::storeKey(ConnectionRepository &r, const QString &id, const QByteArray &key)
{
    const QString entry = keychainEntry(id);
    Result<bool> written = m_secrets
        ? m_secrets->writeSync(entry, key)
        : Result<bool>(Error::make(
            ErrorCode::Unavailable, QCoreApplication::translate("cairn::ConnectionService", "No keychain.")));
    if (written) {
        (void)r.removeSecret(id);
        return QString(kKeychainPrefix + entry);
    }
    if (written.error().code == ErrorCode::Unavailable && m_db->keyKind() == DatabaseKey::Kind::Passphrase) {
        spdlog::info("no keychain: the API key of connection {} is kept inside the encrypted database",
            id.toStdString());
        Result<void> stored = r.setSecret(id, key);
        if (!stored)
            return stored.error();
        return kInDatabase;
    }
    return Error::make(written.error().code,
        QCoreApplication::translate(
            "cairn::ConnectionService", "Could not store the API key in the keychain: %1")
            .arg(written.error().message));
}

void ConnectionService::forgetKey(ConnectionRepository &r, const ConnectionRecord &record)
{
    if (record.keyRef.startsWith(kKeychainPrefix) && m_secrets) {
        Result<bool> removed = m_secrets->removeSync(record.keyRef.mid(kKeychainPrefix.size()));
        if (!removed)
            spdlog::warn("could not remove the keychain entry of connection {}: {}", record.id.toStdString(),
                removed.error().message.toStdString());
    }
    (void)r.removeSecret(record.id);
}

Result<QList<ConnectionRecord>> ConnectionService::list()
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->list();
}

Result<ConnectionRecord> ConnectionService::find(const QString &idOrName)
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->find(idOrName);
}

Result<ConnectionRecord> ConnectionService::add(const ConnectionDraft &draft)
{
    if (const auto invalid = validate(draft))
        return *invalid;
    auto r = repo();
    if (!r)
        return r.error();
    if (r->find(draft.name.trimmed()).ok())
        return Error::make(ErrorCode::AlreadyExists,
            QCoreApplication::translate(
                "cairn::ConnectionService", "A connection named \u201c%1\u201d already exists.")
                .arg(draft.name.trimmed()));
    ConnectionRecord rec;
    rec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    applyDraft(rec, draft);
    Result<void> inserted = r->insert(rec);
    if (!inserted)
        return inserted.error();
    if (draft.apiKey && !draft.apiKey->isEmpty()) {
        Result<QString> ref = storeKey(r.value(), rec.id, *draft.apiKey);
        if (!ref) {
            (void)r->remove(rec.id);
            return ref.error();
        }
        rec.keyRef = ref.value();
        Result<void> updated = r->update(rec);
        if (!updated) {
            forgetKey(r.value(), rec);
            (void)r->remove(rec.id);
            return updated.error();
        }
    }
    spdlog::info("added connection {} ({}, {})", rec.id.toStdString(), rec.kind.toStdString(),
        QUrl(rec.baseUrl).adjusted(QUrl::RemoveUserInfo).toString().toStdString());
    return r->find(rec.id);
}

Result<ConnectionRecord> ConnectionService::update(const QString &id, const ConnectionDraft &draft)
{
    if (const auto invalid = validate(draft))
        return *invalid;
    auto r = repo();
    if (!r)
        return r.error();
    Result<ConnectionRecord> existing = r->find(id);
    if (!existing)
        return existing.error();
    ConnectionRecord rec = existing.value();
    applyDraft(rec, draft);
    if (draft.apiKey) {
        if (draft.apiKey->isEmpty()) {
            forgetKey(r.value(), rec);
            rec.keyRef.clear();
        } else {
            Result<QString> ref = storeKey(r.value(), rec.id, *draft.apiKey);
            if (!ref)
                return ref.error();
            rec.keyRef = ref.value();
        }
    }
    Result<void> updated = r->update(rec);
    if (!updated)
        return updated.error();
    return r->find(rec.id);
}

Result<void> ConnectionService::setEnabled(const QString &id, bool enabled)
{
    auto r = repo();
    if (!r)
        return r.error();
    Result<ConnectionRecord> rec = r->find(id);
    if (!rec)
        return rec.error();
    rec->enabled = enabled;
    return r->update(rec.value());
}

Result<void> ConnectionService::remove(const QString &idOrName)
{
    auto r = repo();
    if (!r)
        return r.error();
    Result<ConnectionRecord> rec = r->find(idOrName);
    if (!rec)
        return rec.error();
    Result<void> removed = r->remove(rec->id);
    if (!removed)
        return removed;
    forgetKey(r.value(), rec.value());
    for (ModelRole role : {ModelRole::Chat, ModelRole::Embedding, ModelRole::Task}) {
        Result<ModelRef> current = defaultModel(role);
        if (current && current->connectionId == rec->id)
            (void)r->removeConfig(settingKey(role));
    }
    spdlog::info("removed connection {}", rec->id.toStdString());
    return {};
}

QString ConnectionService::keyLocation(const ConnectionRecord &record)
{
    if (record.keyRef.startsWith(kKeychainPrefix))
        return QStringLiteral("keychain");
    if (record.keyRef == kInDatabase)
        return QStringLiteral("database");
    return {};
}

Result<llm::ProviderConfig> ConnectionService::providerConfig(const QString &idOrName)
{
    Result<ConnectionRecord> rec = find(idOrName);
    if (!rec)
        return rec.error();
    return providerConfig(rec.value());
}

Result<llm::ProviderConfig> ConnectionService::providerConfig(const ConnectionRecord &record)
{
    llm::ProviderConfig c;
    const auto kind = llm::kindFromString(record.kind);
    if (!kind)
        return Error::make(ErrorCode::Corrupt,
            QCoreApplication::translate(
                "cairn::ConnectionService", "The connection \u201c%1\u201d has an unknown kind.")
                .arg(record.name));
    c.kind = *kind;
    c.baseUrl = QUrl(record.baseUrl);
    c.extraHeaders = record.headers;
    c.connectTimeoutMs = record.connectTimeoutMs;
    c.firstByteTimeoutMs = record.firstByteTimeoutMs;
    c.idleTimeoutMs = record.idleTimeoutMs;
    c.azureApiVersion = record.options.value(QStringLiteral("azure_api_version")).toString();
    const QString anthropicVersion = record.options.value(QStringLiteral("anthropic_version")).toString();
    if (!anthropicVersion.isEmpty())
        c.anthropicVersion = anthropicVersion;
    c.trustedCertSha256 = record.options.value(QStringLiteral("trusted_cert_sha256")).toString().toLatin1();
    if (record.options.contains(QStringLiteral("max_retries")))
        c.maxRetries = std::clamp(record.options.value(QStringLiteral("max_retries")).toInt(), 0, 10);
    if (record.keyRef.startsWith(kKeychainPrefix)) {
        if (!m_secrets)
            return Error::make(ErrorCode::Unavailable,
                QCoreApplication::translate(
                    "cairn::ConnectionService", "No keychain is available to read the API key from."));
        Result<QByteArray> key = m_secrets->readSync(record.keyRef.mid(kKeychainPrefix.size()));
        if (!key)
            return Error::make(key.error().code,
                QCoreApplication::translate("cairn::ConnectionService",
                    "Could not read the API key of \u201c%1\u201d from the keychain: %2")
                    .arg(record.name, key.error().message));
        c.apiKey = key.value();
        Redactor::registerSecret(c.apiKey);
    } else if (record.keyRef == kInDatabase) {
        auto r = repo();
        if (!r)
            return r.error();
        Result<QByteArray> key = r->secret(record.id);
        if (!key)
            return key.error();
        c.apiKey = key.value();
        Redactor::registerSecret(c.apiKey);
    }
    return c;
}

Result<void> ConnectionService::saveModels(const QString &connectionId, const QList<llm::ModelInfo> &models)
{
    auto r = repo();
    if (!r)
        return r.error();
    QList<CachedModel> cached;
    for (const llm::ModelInfo &m : models)
        cached.append(
            CachedModel {connectionId, m.id, m.displayName, m.contextLength, m.capabilities, true, 0});
    return r->replaceModels(connectionId, cached);
}

Result<QList<CachedModel>> ConnectionService::models(const QString &connectionId)
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->models(connectionId);
}

Result<void> ConnectionService::setModelEnabled(
    const QString &connectionId, const QString &modelId, bool enabled)
{
    auto r = repo();
    if (!r)
        return r.error();
    return r->setModelEnabled(connectionId, modelId, enabled);
}

QString ConnectionService::settingKey(ModelRole role)
{
    switch (role) {
    case ModelRole::Chat:
        return QStringLiteral("models.default_chat");
    case ModelRole::Embedding:
        return QStringLiteral("models.default_embedding");
    case ModelRole::Task:
        return QStringLiteral("models.task");
    }
    return {};
}

Result<ModelRef> ConnectionService::defaultModel(ModelRole role)
{
    auto r = repo();
    if (!r)
        return r.error();
    Result<QJsonValue> v = r->config(settingKey(role));
    if (!v)
        return v.error();
    const QJsonObject o = v->toObject();
    return ModelRef {
        o.value(QStringLiteral("connection")).toString(), o.value(QStringLiteral("model")).toString()};
}

Result<void> ConnectionService::setDefaultModel(ModelRole role, const ModelRef &ref)
{
    auto r = repo();
    if (!r)
        return r.error();
    if (!ref.isValid())
        return r->removeConfig(settingKey(role));
    Result<ConnectionRecord> rec = r->find(ref.connectionId);
    if (!rec)
        return rec.error();
    return r->setConfig(settingKey(role),
        QJsonObject {{QStringLiteral("connection"), rec->id}, {QStringLiteral("model"), ref.model}});
}

Result<void> ConnectionService::trustCertificate(const QString &id, const QByteArray &sha256Hex)
{
    auto r = repo();
    if (!r)
        return r.error();
    Result<ConnectionRecord> rec = r->find(id);
    if (!rec)
        return rec.error();
    if (sha256Hex.isEmpty())
        rec->options.remove(QStringLiteral("trusted_cert_sha256"));
    else
        rec->options.insert(QStringLiteral("trusted_cert_sha256"), QString::fromLatin1(sha256Hex.toLower()));
    return r->update(rec.value());
}

} // namespace cairn
