#pragma once

#include "common/Result.h"

#include <QByteArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QList>
#include <QPair>
#include <QSqlDatabase>
#include <QString>
#include <QStringList>

#include <functional>
#include <optional>

namespace cairn {

// A model server connection as stored. The API key is not here: keyRef says where it is
// ("keychain:<entry>", "db" for connection_secrets, or empty for none).
struct ConnectionRecord {
    QString id;
    QString name;
    QString kind; // openai | ollama | anthropic
    QString baseUrl;
    QString keyRef;
    QList<QPair<QByteArray, QByteArray>> headers;
    bool enabled = true;
    int connectTimeoutMs = 10000;
    int firstByteTimeoutMs = 60000;
    int idleTimeoutMs = 60000;
    std::optional<double> priceInputPerMTok;
    std::optional<double> priceOutputPerMTok;
    QJsonObject options;
    qint64 createdAt = 0;
    qint64 updatedAt = 0;
};

struct CachedModel {
    QString connectionId;
    QString modelId;
    QString displayName;
    qint64 contextLength = 0;
    QStringList capabilities;
    bool enabled = true;
    qint64 fetchedAt = 0;
};

// SQL for connections, their cached model lists, in-database secrets and the config table.
// Works on the calling thread's connection.
class ConnectionRepository
{
public:
    explicit ConnectionRepository(QSqlDatabase db) : m_db(std::move(db)) { }

    Result<QList<ConnectionRecord>> list();
    // By id or, failing that, by name.
    Result<ConnectionRecord> find(const QString &idOrName);
    Result<void> insert(const ConnectionRecord &record);
    Result<void> update(const ConnectionRecord &record);
    Result<void> remove(const QString &id);

    // Runs work inside one transaction: committed when it succeeds, rolled back when it fails.
    Result<void> inTransaction(const std::function<Result<void>()> &work);

    Result<void> setSecret(const QString &connectionId, const QByteArray &secret);
    Result<QByteArray> secret(const QString &connectionId);
    Result<void> removeSecret(const QString &connectionId);

    // Replaces the cached list; models that were there before keep their enabled flag.
    Result<void> replaceModels(const QString &connectionId, const QList<CachedModel> &models);
    Result<QList<CachedModel>> models(const QString &connectionId);
    Result<void> setModelEnabled(const QString &connectionId, const QString &modelId, bool enabled);

    // The versioned key/value config table (values are JSON).
    Result<QJsonValue> config(const QString &key);
    Result<void> setConfig(const QString &key, const QJsonValue &value);
    Result<void> removeConfig(const QString &key);

private:
    QSqlDatabase m_db;
};

} // namespace cairn
