#include "services/ConnectionService.h"

#include "common/Redactor.h"
#include "secrets/SecretStore.h"
#include "storage/Database.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QRandomGenerator>
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

Result<ConnectionService::KeyPlacement> ConnectionService::placeKey(const QString &id, const QByteArray &key)
{
    const QString entry = keychainEntry(id) + QLatin1Char('/')
        + QString::number(QRandomGenerator::system()->generate64(), 36);
    Result<bool> written = m_secrets
        ? m_secrets->writeSync(entry, key)
        : Result<bool>(Error::make(
            ErrorCode::Unavailable, QCoreApplication::translate("cairn::ConnectionService", "No keychain.")));
    if (written)
        return KeyPlacement {kKeychainPrefix + entry, entry};
    if (written.error().code == ErrorCode::Unavailable && m_db->keyKind() == DatabaseKey::Kind::Passphrase) {
        spdlog::info("no keychain: the API key of connection {} is kept inside the encrypted database",
            id.toStdString());
        return KeyPlacement {kInDatabase, {}};
    }
    return Error::make(written.error().code,
        QCoreApplication::translate(
            "cairn::ConnectionService", "Could not store the API key in the keychain: %1")
            .arg(written.error().message));
}

void ConnectionService::dropKeychainEntry(const QString &entry, const QString &connectionId)
{
    if (entry.isEmpty() || !m_secrets)
        return;
    Result<bool> removed = m_secrets->removeSync(entry);
    if (!removed && removed.error().code != ErrorCode::NotFound)
        spdlog::warn("could not remove a keychain entry of connection {}: {}", connectionId.toStdString(),
            removed.error().message.toStdString());
}

std::optional<Error> ConnectionService::nameTaken(
    ConnectionRepository &r, const QString &name, const QString &exceptId)
{
    Result<QList<ConnectionRecord>> all = r.list();
    if (!all)
        return all.error();
    for (const ConnectionRecord &other : all.value()) {
        if (other.id != exceptId && other.name.compare(name, Qt::CaseInsensitive) == 0)
            return Error::make(ErrorCode::AlreadyExists,
                QCoreApplication::translate(
                    "cairn::ConnectionService", "A connection named \u201c%1\u201d already exists.")
                    .arg(name));
    }
    return std::nullopt;
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
    if (const auto taken = nameTaken(r.value(), draft.name.trimmed(), {}))
        return *taken;
    ConnectionRecord rec;
    rec.id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    applyDraft(rec, draft);
    KeyPlacement key;
    if (draft.apiKey && !draft.apiKey->isEmpty()) {
        Result<KeyPlacement> placed = placeKey(rec.id, *draft.apiKey);
        if (!placed)
            return placed.error();
        key = placed.value();
        rec.keyRef = key.keyRef;
    }
    Result<void> saved = r->inTransaction([&]() -> Result<void> {
        Result<void> inserted = r->insert(rec);
        if (!inserted)
            return inserted;
        if (rec.keyRef == kInDatabase)
            return r->setSecret(rec.id, *draft.apiKey);
        return {};
    });
    if (!saved) {
        dropKeychainEntry(key.keychainEntry, rec.id);
        return saved.error();
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
    if (const auto taken = nameTaken(r.value(), draft.name.trimmed(), existing->id))
        return *taken;
    ConnectionRecord rec = existing.value();
    applyDraft(rec, draft);
    KeyPlacement key;
    if (draft.apiKey) {
        if (draft.apiKey->isEmpty()) {
            rec.keyRef.clear();
        } else {
            Result<KeyPlacement> placed = placeKey(rec.id, *draft.apiKey);
            if (!placed)
                return placed.error();
            key = placed.value();
            rec.keyRef = key.keyRef;
        }
    }
    // The database changes in one transaction; the old key is dropped only once it committed, and
    // a new keychain entry is dropped if it did not: a failure leaves the connection as it was.
    Result<void> saved = r->inTransaction([&]() -> Result<void> {
        Result<void> updated = r->update(rec);
        if (!updated)
            return updated;
        if (rec.keyRef == kInDatabase && draft.apiKey)
            return r->setSecret(rec.id, *draft.apiKey);
        if (rec.keyRef != kInDatabase)
            return r->removeSecret(rec.id);
        return {};
    });
    if (!saved) {
        dropKeychainEntry(key.keychainEntry, rec.id);
        return saved.error();
    }
    const QString oldRef = existing->keyRef;
    if (oldRef != rec.keyRef && oldRef.startsWith(kKeychainPrefix))
        dropKeychainEntry(oldRef.mid(kKeychainPrefix.size()), rec.id);
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
    Result<void> removed = r->inTransaction([&]() -> Result<void> {
        Result<void> gone = r->remove(rec->id);
        if (!gone)
            return gone;
        if (Result<void> secret = r->removeSecret(rec->id); !secret)
            return secret;
        for (ModelRole role : {ModelRole::Chat, ModelRole::Embedding, ModelRole::Task}) {
            Result<ModelRef> current = defaultModel(role);
            if (current && current->connectionId == rec->id) {
                if (Result<void> cleared = r->removeConfig(settingKey(role)); !cleared)
                    return cleared;
            }
        }
        return {};
    });
    if (!removed)
        return removed;
    if (rec->keyRef.startsWith(kKeychainPrefix))
        dropKeychainEntry(rec->keyRef.mid(kKeychainPrefix.size()), rec->id);
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
