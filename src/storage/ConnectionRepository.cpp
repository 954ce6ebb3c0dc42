#include "storage/ConnectionRepository.h"

#include "storage/Database.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>
#include <QSqlRecord>
#include <QVariant>

namespace cairn {

namespace {

qint64 nowMs()
{
    return QDateTime::currentMSecsSinceEpoch();
}

QString headersToJson(const QList<QPair<QByteArray, QByteArray>> &headers)
{
    QJsonObject o;
    for (const auto &[name, value] : headers)
        o.insert(QString::fromLatin1(name), QString::fromUtf8(value));
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QList<QPair<QByteArray, QByteArray>> headersFromJson(const QString &json)
{
    QList<QPair<QByteArray, QByteArray>> out;
    const QJsonObject o = QJsonDocument::fromJson(json.toUtf8()).object();
    for (auto it = o.begin(); it != o.end(); ++it)
        out.append(qMakePair(it.key().toLatin1(), it.value().toString().toUtf8()));
    return out;
}

QString objectToJson(const QJsonObject &o)
{
    return QString::fromUtf8(QJsonDocument(o).toJson(QJsonDocument::Compact));
}

QVariant optionalDouble(const std::optional<double> &v)
{
    return v ? QVariant(*v) : QVariant(QMetaType(QMetaType::Double));
}

const char *kColumns = "id, name, kind, base_url, key_ref, headers, enabled, connect_timeout_ms, "
                       "first_byte_timeout_ms, idle_timeout_ms, price_input_per_mtok, price_output_per_mtok, "
                       "options, created_at, updated_at";

ConnectionRecord recordFrom(const QSqlQuery &q)
{
    ConnectionRecord r;
    r.id = q.value(0).toString();
    r.name = q.value(1).toString();
    r.kind = q.value(2).toString();
    r.baseUrl = q.value(3).toString();
    r.keyRef = q.value(4).toString();
    r.headers = headersFromJson(q.value(5).toString());
    r.enabled = q.value(6).toInt() != 0;
    r.connectTimeoutMs = q.value(7).toInt();
    r.firstByteTimeoutMs = q.value(8).toInt();
    r.idleTimeoutMs = q.value(9).toInt();
    if (!q.isNull(10))
        r.priceInputPerMTok = q.value(10).toDouble();
    if (!q.isNull(11))
        r.priceOutputPerMTok = q.value(11).toDouble();
    r.options = QJsonDocument::fromJson(q.value(12).toString().toUtf8()).object();
    r.createdAt = q.value(13).toLongLong();
    r.updatedAt = q.value(14).toLongLong();
    return r;
}

void bindRecord(QSqlQuery &q, const ConnectionRecord &r)
{
    q.bindValue(QStringLiteral(":id"), r.id);
    q.bindValue(QStringLiteral(":name"), r.name);
    q.bindValue(QStringLiteral(":kind"), r.kind);
    q.bindValue(QStringLiteral(":base_url"), r.baseUrl);
    q.bindValue(QStringLiteral(":key_ref"),
        r.keyRef.isEmpty() ? QVariant(QMetaType(QMetaType::QString)) : QVariant(r.keyRef));
    q.bindValue(QStringLiteral(":headers"), headersToJson(r.headers));
    q.bindValue(QStringLiteral(":enabled"), r.enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":ct"), r.connectTimeoutMs);
    q.bindValue(QStringLiteral(":fbt"), r.firstByteTimeoutMs);
    q.bindValue(QStringLiteral(":it"), r.idleTimeoutMs);
    q.bindValue(QStringLiteral(":pin"), optionalDouble(r.priceInputPerMTok));
    q.bindValue(QStringLiteral(":pout"), optionalDouble(r.priceOutputPerMTok));
    q.bindValue(QStringLiteral(":options"), objectToJson(r.options));
}

Error uniqueNameError(const QSqlQuery &q, const QString &name)
{
    const Error e = Database::errorFrom(q.lastError(),
        QCoreApplication::translate("cairn::ConnectionRepository", "Could not save the connection"));
    if (e.nativeCode == 2067 || e.nativeCode == 1555)
        return Error::make(ErrorCode::AlreadyExists,
            QCoreApplication::translate(
                "cairn::ConnectionRepository", "A connection named \u201c%1\u201d already exists.")
                .arg(name),
            e.nativeCode);
    return e;
}

} // namespace

Result<QList<ConnectionRecord>> ConnectionRepository::list()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT %1 FROM connections ORDER BY name COLLATE NOCASE")
                    .arg(QLatin1String(kColumns))))
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not read the connections"));
    QList<ConnectionRecord> out;
    while (q.next())
        out.append(recordFrom(q));
    return out;
}

Result<ConnectionRecord> ConnectionRepository::find(const QString &idOrName)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "SELECT %1 FROM connections WHERE id = :key OR name = :key ORDER BY id = :key DESC LIMIT 1")
                  .arg(QLatin1String(kColumns)));
    q.bindValue(QStringLiteral(":key"), idOrName);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not read the connection"));
    if (!q.next())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::ConnectionRepository", "There is no connection named \u201c%1\u201d.")
                .arg(idOrName));
    return recordFrom(q);
}

Result<void> ConnectionRepository::insert(const ConnectionRecord &record)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO connections(id, name, kind, base_url, key_ref, headers, enabled, "
        "connect_timeout_ms, first_byte_timeout_ms, idle_timeout_ms, price_input_per_mtok, "
        "price_output_per_mtok, options, created_at, updated_at) VALUES (:id, :name, :kind, "
        ":base_url, :key_ref, :headers, :enabled, :ct, :fbt, :it, :pin, :pout, :options, :now, :now)"));
    bindRecord(q, record);
    q.bindValue(QStringLiteral(":now"), record.createdAt > 0 ? record.createdAt : nowMs());
    if (!q.exec())
        return uniqueNameError(q, record.name);
    return {};
}

Result<void> ConnectionRepository::update(const ConnectionRecord &record)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE connections SET name = :name, kind = :kind, base_url = :base_url, key_ref = :key_ref, "
        "headers = :headers, enabled = :enabled, connect_timeout_ms = :ct, first_byte_timeout_ms = :fbt, "
        "idle_timeout_ms = :it, price_input_per_mtok = :pin, price_output_per_mtok = :pout, "
        "options = :options, updated_at = :now WHERE id = :id"));
    bindRecord(q, record);
    q.bindValue(QStringLiteral(":now"), nowMs());
    if (!q.exec())
        return uniqueNameError(q, record.name);
    if (q.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::ConnectionRepository", "The connection \u201c%1\u201d no longer exists.")
                .arg(record.name));
    return {};
}

Result<void> ConnectionRepository::remove(const QString &id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM connections WHERE id = :id"));
    q.bindValue(QStringLiteral(":id"), id);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not delete the connection"));
    if (q.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::ConnectionRepository", "There is no such connection."));
    return {};
}

Result<void> ConnectionRepository::setSecret(const QString &connectionId, const QByteArray &secret)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("INSERT INTO connection_secrets(connection_id, secret) VALUES (:id, :s) "
                             "ON CONFLICT(connection_id) DO UPDATE SET secret = excluded.secret"));
    q.bindValue(QStringLiteral(":id"), connectionId);
    q.bindValue(QStringLiteral(":s"), secret);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not store the API key"));
    return {};
}

Result<QByteArray> ConnectionRepository::secret(const QString &connectionId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT secret FROM connection_secrets WHERE connection_id = :id"));
    q.bindValue(QStringLiteral(":id"), connectionId);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not read the API key"));
    if (!q.next())
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::ConnectionRepository", "The connection's API key is missing from the database."));
    return q.value(0).toByteArray();
}

Result<void> ConnectionRepository::removeSecret(const QString &connectionId)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM connection_secrets WHERE connection_id = :id"));
    q.bindValue(QStringLiteral(":id"), connectionId);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not remove the API key"));
    return {};
}

Result<void> ConnectionRepository::inTransaction(const std::function<Result<void>()> &work)
{
    return Database::inTransaction(m_db, work);
}

Result<void> ConnectionRepository::replaceModels(
    const QString &connectionId, const QList<CachedModel> &models)
{
    if (!m_db.transaction())
        return Database::errorFrom(m_db.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not save the model list"));
    auto rollback = [this](const QSqlQuery &q) {
        const Error e = Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not save the model list"));
        m_db.rollback();
        return e;
    };
    QSqlQuery q(m_db);
    // Keep the enabled flags of models that are still offered; drop the others.
    q.prepare(QStringLiteral(
        "CREATE TEMP TABLE IF NOT EXISTS temp.offered(model_id TEXT PRIMARY KEY) WITHOUT ROWID"));
    if (!q.exec())
        return rollback(q);
    if (!q.exec(QStringLiteral("DELETE FROM temp.offered")))
        return rollback(q);
    const qint64 now = nowMs();
    QSqlQuery ins(m_db);
    ins.prepare(QStringLiteral(
        "INSERT INTO connection_models(connection_id, model_id, display_name, context_length, "
        "capabilities, enabled, fetched_at) VALUES (:c, :m, :d, :len, :caps, 1, :now) "
        "ON CONFLICT(connection_id, model_id) DO UPDATE SET display_name = excluded.display_name, "
        "context_length = excluded.context_length, capabilities = excluded.capabilities, "
        "fetched_at = excluded.fetched_at"));
    QSqlQuery mark(m_db);
    mark.prepare(QStringLiteral("INSERT OR IGNORE INTO temp.offered(model_id) VALUES (:m)"));
    for (const CachedModel &m : models) {
        ins.bindValue(QStringLiteral(":c"), connectionId);
        ins.bindValue(QStringLiteral(":m"), m.modelId);
        ins.bindValue(QStringLiteral(":d"), m.displayName.isEmpty() ? m.modelId : m.displayName);
        ins.bindValue(QStringLiteral(":len"), m.contextLength);
        ins.bindValue(QStringLiteral(":caps"),
            QString::fromUtf8(
                QJsonDocument(QJsonArray::fromStringList(m.capabilities)).toJson(QJsonDocument::Compact)));
        ins.bindValue(QStringLiteral(":now"), now);
        if (!ins.exec())
            return rollback(ins);
        mark.bindValue(QStringLiteral(":m"), m.modelId);
        if (!mark.exec())
            return rollback(mark);
    }
    q.prepare(QStringLiteral("DELETE FROM connection_models WHERE connection_id = :c "
                             "AND model_id NOT IN (SELECT model_id FROM temp.offered)"));
    q.bindValue(QStringLiteral(":c"), connectionId);
    if (!q.exec())
        return rollback(q);
    if (!m_db.commit())
        return Database::errorFrom(m_db.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not save the model list"));
    return {};
}

Result<QList<CachedModel>> ConnectionRepository::models(const QString &connectionId)
{
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT model_id, display_name, context_length, capabilities, enabled, fetched_at "
                       "FROM connection_models WHERE connection_id = :c ORDER BY model_id COLLATE NOCASE"));
    q.bindValue(QStringLiteral(":c"), connectionId);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not read the model list"));
    QList<CachedModel> out;
    while (q.next()) {
        CachedModel m;
        m.connectionId = connectionId;
        m.modelId = q.value(0).toString();
        m.displayName = q.value(1).toString();
        m.contextLength = q.value(2).toLongLong();
        for (const QJsonValue &v : QJsonDocument::fromJson(q.value(3).toString().toUtf8()).array())
            m.capabilities.append(v.toString());
        m.enabled = q.value(4).toInt() != 0;
        m.fetchedAt = q.value(5).toLongLong();
        out.append(m);
    }
    return out;
}

Result<void> ConnectionRepository::setModelEnabled(
    const QString &connectionId, const QString &modelId, bool enabled)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "UPDATE connection_models SET enabled = :e WHERE connection_id = :c AND model_id = :m"));
    q.bindValue(QStringLiteral(":e"), enabled ? 1 : 0);
    q.bindValue(QStringLiteral(":c"), connectionId);
    q.bindValue(QStringLiteral(":m"), modelId);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not change the model"));
    if (q.numRowsAffected() == 0)
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate(
                "cairn::ConnectionRepository", "The connection offers no model \u201c%1\u201d.")
                .arg(modelId));
    return {};
}

Result<QJsonValue> ConnectionRepository::config(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT value FROM config WHERE key = :k"));
    q.bindValue(QStringLiteral(":k"), key);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not read the settings"));
    if (!q.next())
        return QJsonValue(QJsonValue::Undefined);
    // Wrapped in an array so scalars parse too.
    const QJsonDocument doc = QJsonDocument::fromJson("[" + q.value(0).toString().toUtf8() + "]");
    return doc.array().isEmpty() ? QJsonValue(QJsonValue::Undefined) : doc.array().first();
}

Result<void> ConnectionRepository::setConfig(const QString &key, const QJsonValue &value)
{
    QByteArray json = QJsonDocument(QJsonArray {value}).toJson(QJsonDocument::Compact);
    json = json.mid(1, json.size() - 2);
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("INSERT INTO config(key, value, version, updated_at) VALUES (:k, :v, 1, :now) "
                       "ON CONFLICT(key) DO UPDATE SET value = excluded.value, version = config.version + 1, "
                       "updated_at = excluded.updated_at"));
    q.bindValue(QStringLiteral(":k"), key);
    q.bindValue(QStringLiteral(":v"), QString::fromUtf8(json));
    q.bindValue(QStringLiteral(":now"), nowMs());
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not save the settings"));
    return {};
}

Result<void> ConnectionRepository::removeConfig(const QString &key)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM config WHERE key = :k"));
    q.bindValue(QStringLiteral(":k"), key);
    if (!q.exec())
        return Database::errorFrom(q.lastError(),
            QCoreApplication::translate("cairn::ConnectionRepository", "Could not save the settings"));
    return {};
}

} // namespace cairn
