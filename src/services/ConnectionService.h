#pragma once

#include "common/Result.h"
#include "llm/LlmTypes.h"
#include "storage/ConnectionRepository.h"

#include <QJsonObject>
#include <QString>

#include <memory>
#include <optional>

namespace cairn {

class Database;
class SecretStore;

// What the user edits. apiKey: nullopt keeps the stored key (none for a new connection); an empty
// value removes it.
struct ConnectionDraft {
    QString name;
    QString kind = QStringLiteral("openai");
    QString baseUrl;
    std::optional<QByteArray> apiKey;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool enabled = true;
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 60000;
    int idleTimeoutMs = 60000;
    std::optional<double> priceInputPerMTok;
    std::optional<double> priceOutputPerMTok;
    QJsonObject options; // azure_api_version, anthropic_version, trusted_cert_sha256, max_retries

    static ConnectionDraft fromRecord(const ConnectionRecord &record);
};

// A model on a connection, as stored in settings.
struct ModelRef {
    QString connectionId;
    QString model;
    bool isValid() const { return !connectionId.isEmpty() && !model.isEmpty(); }
    bool operator==(const ModelRef &) const = default;
};

enum class ModelRole { Chat, Embedding, Task };

// Connections to model servers: stored in the encrypted database, with the API key in the OS
// keychain (entry "connection/<id>/<n>", a fresh one whenever the key changes), or, only where no keychain
// exists and the database is in passphrase mode, inside the encrypted database. Never in a plaintext file.
// Every call blocks on the database and the keychain: call it off the GUI thread, and a worker
// thread closes its database connection (Database::closeThreadConnection) when it is done.
class ConnectionService
{
public:
    ConnectionService(std::shared_ptr<Database> db, SecretStore *secrets);

    Result<QList<ConnectionRecord>> list();
    Result<ConnectionRecord> find(const QString &idOrName);
    Result<ConnectionRecord> add(const ConnectionDraft &draft);
    Result<ConnectionRecord> update(const QString &id, const ConnectionDraft &draft);
    Result<void> setEnabled(const QString &id, bool enabled);
    // Removes the connection, its key, its cached models and any default that pointed at it.
    Result<void> remove(const QString &idOrName);

    // Everything needed to talk to the server, the key included.
    Result<llm::ProviderConfig> providerConfig(const ConnectionRecord &record);
    Result<llm::ProviderConfig> providerConfig(const QString &idOrName);
    // Whether a key is stored, and where ("keychain", "database" or empty).
    static QString keyLocation(const ConnectionRecord &record);

    Result<void> saveModels(const QString &connectionId, const QList<llm::ModelInfo> &models);
    Result<QList<CachedModel>> models(const QString &connectionId);
    Result<void> setModelEnabled(const QString &connectionId, const QString &modelId, bool enabled);

    Result<ModelRef> defaultModel(ModelRole role);
    Result<void> setDefaultModel(ModelRole role, const ModelRef &ref); // an invalid ref clears it
    static QString settingKey(ModelRole role);

    // A stored connection's trust decision for a certificate (hex SHA-256); empty clears it.
    Result<void> trustCertificate(const QString &id, const QByteArray &sha256Hex);

private:
    Result<ConnectionRepository> repo();
    std::optional<Error> validate(const ConnectionDraft &draft) const;
    // Where a new key goes. A keychain key is written at once to a fresh entry that nothing points
    // at yet (keychainEntry says which, to drop it if the database write then fails); a key for the
    // database is written by the caller inside its transaction (keyRef "db").
    struct KeyPlacement {
        QString keyRef;
        QString keychainEntry;
    };
    Result<KeyPlacement> placeKey(const QString &id, const QByteArray &key);
    void dropKeychainEntry(const QString &entry, const QString &connectionId);
    std::optional<Error> nameTaken(ConnectionRepository &repo, const QString &name, const QString &exceptId);

    std::shared_ptr<Database> m_db;
    SecretStore *m_secrets;
};

} // namespace cairn
