#include "storage/Migrator.h"

#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCoreApplication>
#include <QCryptographicHash>
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlQuery>

#include <spdlog/spdlog.h>

#include <algorithm>

namespace cairn {

namespace {

Error sqlError(const QString &what, const QSqlError &e)
{
    return Error::make(
        ErrorCode::Generic, what + QStringLiteral(": ") + e.text(), e.nativeErrorCode().toInt());
}
} // namespace

QList<Migration> Migrator::builtin()
{
    QList<Migration> list;
    const QDir dir(QStringLiteral(":/cairn/migrations"));
    static const QRegularExpression re(QStringLiteral(R"(^(\d{4})_(\w+)\.sql$)"));
    const QStringList files = dir.entryList({QStringLiteral("*.sql")}, QDir::Files, QDir::Name);
    for (const QString &file : files) {
        const auto m = re.match(file);
        if (!m.hasMatch())
            continue;
        QFile f(dir.filePath(file));
        if (!f.open(QIODevice::ReadOnly))
            continue;
        list.append({m.captured(1).toInt(), m.captured(2), QString::fromUtf8(f.readAll())});
    }
    return list;
}

Migrator::Migrator(QList<Migration> migrations) : m_migrations(std::move(migrations))
{
    std::sort(m_migrations.begin(), m_migrations.end(),
        [](const Migration &a, const Migration &b) { return a.version < b.version; });
}

int Migrator::latestVersion() const
{
    return m_migrations.isEmpty() ? 0 : m_migrations.constLast().version;
}

Result<int> Migrator::currentVersion(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return sqlError(
            QCoreApplication::translate("cairn::Migrator", "Cannot read the schema version"), q.lastError());
    int version = q.value(0).toInt();
    q.finish();
    // schema_migrations is the record; user_version mirrors it for tools like `sqlcipher`.
    if (q.exec(QStringLiteral(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'"))
        && q.next() && q.value(0).toInt() > 0) {
        q.finish();
        if (q.exec(QStringLiteral("SELECT max(version) FROM schema_migrations")) && q.next())
            version = std::max(version, q.value(0).toInt());
    }
    return version;
}

Result<void> Migrator::checkCompatible(QSqlDatabase &db) const
{
    const Result<int> current = currentVersion(db);
    if (!current)
        return current.error();
    if (current.value() > latestVersion())
        return Error::make(ErrorCode::NewerSchema,
            QCoreApplication::translate("cairn::Migrator",
                "This database was written by a newer version of Cairn (schema version %1; "
                "this version knows up to %2). Update Cairn to open it; the database was "
                "left untouched.")
                .arg(current.value())
                .arg(latestVersion()));
    return {};
}

Result<int> Migrator::migrate(QSqlDatabase &db) const
{
    if (auto ok = checkCompatible(db); !ok)
        return ok.error();
    const int current = currentVersion(db).value();
    auto *driver = qobject_cast<SqlCipherDriver *>(db.driver());
    if (!driver)
        return Error::make(ErrorCode::InvalidArgument,
            QCoreApplication::translate("cairn::Migrator", "Migrations need the QSQLCIPHER driver."));
    int applied = 0;
    for (const Migration &m : m_migrations) {
        if (m.version <= current)
            continue;
        if (!db.transaction())
            return sqlError(
                QCoreApplication::translate("cairn::Migrator", "Cannot start migration %1").arg(m.version),
                db.lastError());
        const QByteArray checksum
            = QCryptographicHash::hash(m.sql.toUtf8(), QCryptographicHash::Sha256).toHex();
        QSqlQuery q(db);
        QSqlError failure;
        if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS schema_migrations ("
                                   "version INTEGER PRIMARY KEY, name TEXT NOT NULL, "
                                   "checksum TEXT NOT NULL, applied_at INTEGER NOT NULL)")))
            failure = q.lastError();
        else if (!driver->execScript(m.sql))
            failure = driver->lastError();
        else {
            q.prepare(QStringLiteral("INSERT INTO schema_migrations(version, name, checksum, applied_at) "
                                     "VALUES (?, ?, ?, ?)"));
            q.addBindValue(m.version);
            q.addBindValue(m.name);
            q.addBindValue(QString::fromLatin1(checksum));
            q.addBindValue(QDateTime::currentMSecsSinceEpoch());
            if (!q.exec() || !q.exec(QStringLiteral("PRAGMA user_version = %1").arg(m.version)))
                failure = q.lastError();
        }
        if (failure.isValid()) {
            q.finish();
            db.rollback();
            spdlog::error("migration {} ({}) failed and was rolled back: {}", m.version, m.name.toStdString(),
                failure.text().toStdString());
            return sqlError(
                QCoreApplication::translate("cairn::Migrator", "Migration %1 (%2) failed and was rolled back")
                    .arg(m.version)
                    .arg(m.name),
                failure);
        }
        q.finish();
        if (!db.commit()) {
            const QSqlError e = db.lastError();
            db.rollback();
            return sqlError(
                QCoreApplication::translate("cairn::Migrator", "Cannot commit migration %1").arg(m.version),
                e);
        }
        spdlog::info("applied migration {} ({})", m.version, m.name.toStdString());
        ++applied;
    }
    return applied;
}

} // namespace cairn
