#include "storage/Database.h"

#include "storage/Migrator.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QAtomicInt>
#include <QCoreApplication>
#include <QFile>
#include <QFileInfo>
#include <QHash>
#include <QSqlError>
#include <QSqlQuery>
#include <QThread>

#include <sqlite3.h>

#include <spdlog/spdlog.h>

namespace cairn {

namespace {
QAtomicInt g_serial;

void removeDatabaseFiles(const QString &path)
{
    for (const char *suffix : {"", "-wal", "-shm", "-journal"})
        QFile::remove(path + QLatin1String(suffix));
}

QString connectOptions(const Database::Options &o)
{
    QStringList opts;
    if (!o.key.connectOption().isEmpty())
        opts << o.key.connectOption();
    if (o.create)
        opts << QStringLiteral("CAIRN_CREATE");
    if (o.readOnly)
        opts << QStringLiteral("CAIRN_READONLY");
    opts << QStringLiteral("CAIRN_BUSY_TIMEOUT=%1").arg(o.busyTimeoutMs);
    return opts.join(QLatin1Char(';'));
}
} // namespace

Error Database::errorFrom(const QSqlError &e, const QString &context)
{
    const int native = e.nativeErrorCode().toInt();
    ErrorCode code = ErrorCode::Generic;
    switch (native & 0xff) {
    case SQLITE_NOTADB:
        code = ErrorCode::WrongKey;
        break;
    case SQLITE_CORRUPT:
        code = ErrorCode::Corrupt;
        break;
    case SQLITE_CANTOPEN:
    case SQLITE_IOERR:
    case SQLITE_FULL:
    case SQLITE_READONLY:
    case SQLITE_PERM:
        code = ErrorCode::Io;
        break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
        code = ErrorCode::Timeout;
        break;
    default:
        break;
    }
    QString detail = e.databaseText().isEmpty() ? e.driverText() : e.databaseText();
    if (code == ErrorCode::WrongKey)
        detail = QCoreApplication::translate("cairn::SqlCipherDriver", SqlCipherDriver::kWrongKeyText);
    return Error::make(code, context.isEmpty() ? detail : context + QStringLiteral(": ") + detail, native);
}

Database::Database(Options options)
    : m_options(std::move(options)),
      m_baseName(QStringLiteral("cairn-%1").arg(g_serial.fetchAndAddRelaxed(1)))
{ }

Database::~Database()
{
    QMutexLocker lock(&m_mutex);
    for (const QString &name : std::as_const(m_connections)) {
        {
            QSqlDatabase db = QSqlDatabase::database(name, false);
            if (db.isValid())
                db.close();
        }
        QSqlDatabase::removeDatabase(name);
    }
    m_connections.clear();
}

Database::Options Database::options() const
{
    QMutexLocker lock(&m_mutex);
    return m_options;
}

bool Database::keyOpens(const DatabaseKey &key) const
{
    return SqlCipherDriver::keyOpens(path(), key.password(), key.kind() == DatabaseKey::Kind::Raw);
}

Result<QSqlDatabase> Database::openConnection(const QString &name)
{
    SqlCipherDriver::registerDriver();
    const Options o = options();
    QSqlDatabase db = QSqlDatabase::addDatabase(QLatin1String(SqlCipherDriver::kName), name);
    db.setDatabaseName(o.path);
    db.setPassword(o.key.password());
    db.setConnectOptions(connectOptions(o));
    if (!db.open()) {
        const Error err = errorFrom(
            db.lastError(), QCoreApplication::translate("cairn::Database", "Cannot open %1").arg(o.path));
        db = QSqlDatabase();
        QSqlDatabase::removeDatabase(name);
        return err;
    }
    return db;
}

Result<std::shared_ptr<Database>> Database::open(const Options &options)
{
    std::shared_ptr<Database> self(new Database(options));
    Result<QSqlDatabase> conn = self->threadConnection();
    if (!conn)
        return conn.error();
    // After the first successful open the file exists; clones must not create it again.
    {
        QMutexLocker lock(&self->m_mutex);
        self->m_options.create = false;
    }
    QSqlDatabase db = conn.value();
    Migrator migrator;
    if (auto ok = migrator.checkCompatible(db); !ok)
        return ok.error();
    if (options.migrate && !options.readOnly) {
        if (auto applied = migrator.migrate(db); !applied)
            return applied.error();
    }
    return self;
}

Result<QSqlDatabase> Database::threadConnection()
{
    QThread *thread = QThread::currentThread();
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        if (m_rekeyingThread && m_rekeyingThread != thread)
            return Error::make(ErrorCode::Timeout,
                QCoreApplication::translate(
                    "cairn::Database", "The database key is being changed; try again in a moment."));
        name = m_connections.value(thread);
    }
    if (!name.isEmpty()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid() && db.isOpen())
            return db;
    }
    name = m_baseName + QStringLiteral("-t") + QString::number(reinterpret_cast<quintptr>(thread), 16);
    Result<QSqlDatabase> db = openConnection(name);
    if (db) {
        QMutexLocker lock(&m_mutex);
        m_connections.insert(thread, name);
    }
    return db;
}

QSqlDatabase Database::connection()
{
    Result<QSqlDatabase> db = threadConnection();
    if (!db) {
        spdlog::error("database connection failed: {}", db.error().message.toStdString());
        return {};
    }
    return db.value();
}

void Database::closeThreadConnection()
{
    QString name;
    {
        QMutexLocker lock(&m_mutex);
        name = m_connections.take(QThread::currentThread());
    }
    if (name.isEmpty())
        return;
    {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.isValid())
            db.close();
    }
    QSqlDatabase::removeDatabase(name);
}

int Database::openConnectionCount() const
{
    QMutexLocker lock(&m_mutex);
    return static_cast<int>(m_connections.size());
}

Result<Database::Info> Database::info()
{
    Result<QSqlDatabase> conn = threadConnection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    Info info;
    const Options o = options();
    info.path = o.path;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    auto scalar = [&q](const QString &sql) -> QVariant {
        if (q.exec(sql) && q.next()) {
            QVariant v = q.value(0);
            q.finish();
            return v;
        }
        return {};
    };
    info.sqlcipherVersion = scalar(QStringLiteral("PRAGMA cipher_version")).toString();
    info.cipherProvider = scalar(QStringLiteral("PRAGMA cipher_provider")).toString();
    info.sqliteVersion = SqlCipherDriver::sqliteVersion();
    info.pageCount = scalar(QStringLiteral("PRAGMA page_count")).toLongLong();
    info.pageSize = scalar(QStringLiteral("PRAGMA page_size")).toInt();
    info.journalMode = scalar(QStringLiteral("PRAGMA journal_mode")).toString();
    const Result<int> version = Migrator::currentVersion(db);
    info.schemaVersion = version ? version.value() : -1;
    info.latestSchemaVersion = Migrator().latestVersion();
    info.fileBytes = QFileInfo(o.path).size();
    info.walBytes = QFileInfo(o.path + QStringLiteral("-wal")).size();
    return info;
}

Result<QStringList> Database::check()
{
    Result<QSqlDatabase> conn = threadConnection();
    if (!conn)
        return conn.error();
    QSqlDatabase db = conn.value();
    QStringList problems;
    QSqlQuery q(db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return errorFrom(
            q.lastError(), QCoreApplication::translate("cairn::Database", "Integrity check failed"));
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems << QCoreApplication::translate("cairn::Database", "integrity: %1").arg(line);
    }
    if (options().key.kind() != DatabaseKey::Kind::None) {
        if (!q.exec(QStringLiteral("PRAGMA cipher_integrity_check")))
            return errorFrom(q.lastError(),
                QCoreApplication::translate("cairn::Database", "Cipher integrity check failed"));
        while (q.next())
            problems
                << QCoreApplication::translate("cairn::Database", "cipher: %1").arg(q.value(0).toString());
    }
    if (!q.exec(QStringLiteral("PRAGMA foreign_key_check")))
        return errorFrom(
            q.lastError(), QCoreApplication::translate("cairn::Database", "Foreign key check failed"));
    while (q.next())
        problems << QCoreApplication::translate(
            "cairn::Database", "foreign key: table %1 row %2 refers to a missing row in %3")
                        .arg(q.value(0).toString(), q.value(1).toString(), q.value(2).toString());
    return problems;
}

Result<void> Database::rekey(const DatabaseKey &newKey)
{
    const auto tr = [](const char *text) { return QCoreApplication::translate("cairn::Database", text); };
    if (newKey.isNull())
        return Error::make(ErrorCode::InvalidArgument, tr("The new key is empty."));
    const DatabaseKey oldKey = options().key;
    if (oldKey.isNull())
        return Error::make(
            ErrorCode::InvalidArgument, tr("An unencrypted database cannot be re-keyed; import it instead."));
    QThread *self = QThread::currentThread();
    {
        QMutexLocker lock(&m_mutex);
        for (auto it = m_connections.constBegin(); it != m_connections.constEnd(); ++it) {
            if (it.key() != self)
                return Error::make(ErrorCode::InvalidArgument,
                    tr("Close the other connections to the database before changing its key."));
        }
        if (m_rekeyingThread)
            return Error::make(ErrorCode::InvalidArgument, tr("The database key is already being changed."));
        m_rekeyingThread = self;
    }
    struct Release {
        Database *db;
        ~Release()
        {
            QMutexLocker lock(&db->m_mutex);
            db->m_rekeyingThread = nullptr;
        }
    } release {this};

    Result<QSqlDatabase> conn = threadConnection();
    if (!conn)
        return conn.error();
    int rc = SQLITE_OK;
    QString message;
    {
        QSqlDatabase db = conn.value();
        auto *driver = qobject_cast<SqlCipherDriver *>(db.driver());
        sqlite3 *handle = driver ? driver->connection() : nullptr;
        if (!handle)
            return Error::make(ErrorCode::Generic, tr("The database is not open."));
        QByteArray material;
        if (newKey.kind() == DatabaseKey::Kind::Raw)
            material.append("x'").append(newKey.secret()).append('\'');
        else
            material = newKey.secret();
        spdlog::info("re-keying {} ({} key)", path().toStdString(),
            newKey.kind() == DatabaseKey::Kind::Raw ? "raw" : "passphrase");
        // SQLCipher reports some failures only through the connection's error state, so the result
        // is verified below with a fresh handle rather than trusted.
        rc = sqlite3_rekey_v2(handle, "main", material.constData(), static_cast<int>(material.size()));
        material.fill('\0');
        if (rc != SQLITE_OK)
            message = QString::fromUtf8(sqlite3_errmsg(handle));
        // Fold the WAL into the file so no page under the old key remains in it.
        QSqlQuery q(db);
        for (int attempt = 0; attempt < 5; ++attempt) {
            if (q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next()
                && q.value(0).toInt() == 0)
                break;
            q.finish();
            QThread::msleep(100);
        }
        q.finish();
    }
    // The connection may hold the old key in one context and the new in another: never reuse it.
    closeThreadConnection();

    if (keyOpens(newKey)) {
        QMutexLocker lock(&m_mutex);
        m_options.key = newKey;
        spdlog::info("re-key complete and verified");
        return {};
    }
    if (keyOpens(oldKey)) {
        spdlog::warn("re-key failed; the previous key still opens the database");
        return Error::make(ErrorCode::Generic,
            tr("Changing the database key failed%1; the previous key still opens it.")
                .arg(message.isEmpty() ? QString() : QStringLiteral(" (") + message + QLatin1Char(')')),
            rc);
    }
    spdlog::error("re-key could not be verified with either key");
    return Error::make(ErrorCode::Interrupted,
        tr("Changing the database key did not complete and neither key could be confirmed. "
           "Nothing was deleted; restart Cairn to retry with both keys."),
        rc);
}

Result<std::shared_ptr<Database>> Database::importPlaintext(const QString &plainPath, const Options &target)
{
    if (!QFileInfo::exists(plainPath))
        return Error::make(ErrorCode::NotFound,
            QCoreApplication::translate("cairn::Database", "%1 does not exist.").arg(plainPath));
    if (QFileInfo::exists(target.path))
        return Error::make(ErrorCode::AlreadyExists,
            QCoreApplication::translate(
                "cairn::Database", "%1 already exists; import needs a new database file.")
                .arg(target.path));
    {
        // The source must be a readable, unencrypted SQLite database.
        QFile f(plainPath);
        if (!f.open(QIODevice::ReadOnly))
            return Error::make(ErrorCode::Io,
                QCoreApplication::translate("cairn::Database", "Cannot read %1: %2")
                    .arg(plainPath, f.errorString()));
        if (f.read(16) != QByteArray("SQLite format 3\0", 16))
            return Error::make(ErrorCode::InvalidArgument,
                QCoreApplication::translate("cairn::Database", "%1 is not an unencrypted SQLite database.")
                    .arg(plainPath));
    }
    Options create = target;
    create.create = true;
    create.migrate = false;
    std::shared_ptr<Database> db;
    {
        Result<std::shared_ptr<Database>> opened = open(create);
        if (!opened)
            return opened.error();
        db = std::move(opened.value());
    }
    bool ok = false;
    QString failure;
    {
        QSqlDatabase conn = db->connection();
        QSqlQuery q(conn);
        q.prepare(QStringLiteral("ATTACH DATABASE ? AS plaintext KEY ''"));
        q.addBindValue(plainPath);
        if (!q.exec()) {
            failure = q.lastError().text();
        } else if (!q.exec(QStringLiteral("SELECT sqlcipher_export('main', 'plaintext')"))) {
            failure = q.lastError().text();
            q.exec(QStringLiteral("DETACH DATABASE plaintext"));
        } else {
            q.finish();
            // The schema version counts only for an unencrypted Cairn database (one with
            // schema_migrations); any other SQLite file starts at 0 so every migration runs.
            QSqlQuery v(conn);
            int uv = 0;
            if (v.exec(QStringLiteral("SELECT count(*) FROM plaintext.sqlite_master WHERE type = 'table' "
                                      "AND name = 'schema_migrations'"))
                && v.next() && v.value(0).toInt() > 0) {
                v.finish();
                if (v.exec(QStringLiteral("PRAGMA plaintext.user_version")) && v.next())
                    uv = v.value(0).toInt();
            }
            v.finish();
            v.exec(QStringLiteral("PRAGMA main.user_version = %1").arg(uv));
            v.finish();
            ok = q.exec(QStringLiteral("DETACH DATABASE plaintext"));
            if (!ok)
                failure = q.lastError().text();
        }
    }
    if (!ok) {
        db.reset();
        removeDatabaseFiles(target.path);
        return Error::make(ErrorCode::Generic,
            QCoreApplication::translate("cairn::Database", "Importing %1 failed: %2")
                .arg(plainPath, failure));
    }
    Result<void> migrated;
    {
        QSqlDatabase conn = db->connection();
        Migrator migrator;
        migrated = migrator.checkCompatible(conn);
        if (migrated && target.migrate) {
            if (auto applied = migrator.migrate(conn); !applied)
                migrated = applied.error();
        }
    }
    if (!migrated) {
        db.reset();
        removeDatabaseFiles(target.path);
        return migrated.error();
    }
    spdlog::info("imported plaintext database into {}", target.path.toStdString());
    return db;
}

Result<void> Database::inTransaction(QSqlDatabase &db, const std::function<Result<void>()> &work)
{
    // Nested calls (a write that is part of a larger one, such as an import) become savepoints of
    // the outer transaction: they undo their own part on failure, and the outer one still decides.
    thread_local QHash<QString, int> depth;
    const QString name = db.connectionName();
    struct Level { // the depth goes back down however work() ends
        QHash<QString, int> &depth;
        const QString &name;
        Level(QHash<QString, int> &d, const QString &n) : depth(d), name(n) { ++depth[name]; }
        ~Level()
        {
            if (--depth[name] <= 0)
                depth.remove(name);
        }
        Level(const Level &) = delete;
        Level &operator=(const Level &) = delete;
    };
    if (depth.value(name) > 0) {
        const QString savepoint = QStringLiteral("nested%1").arg(depth.value(name));
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("SAVEPOINT ") + savepoint))
            return errorFrom(q.lastError(),
                QCoreApplication::translate("cairn::Database", "Could not start a transaction"));
        Result<void> done = [&] {
            const Level level(depth, name);
            return work();
        }();
        if (!done) {
            if (!q.exec(QStringLiteral("ROLLBACK TO ") + savepoint)
                || !q.exec(QStringLiteral("RELEASE ") + savepoint))
                return errorFrom(q.lastError(),
                    QCoreApplication::translate("cairn::Database", "Could not undo a failed change"));
            return done;
        }
        if (!q.exec(QStringLiteral("RELEASE ") + savepoint))
            return errorFrom(
                q.lastError(), QCoreApplication::translate("cairn::Database", "Could not save the changes"));
        return {};
    }
    if (!db.transaction())
        return errorFrom(
            db.lastError(), QCoreApplication::translate("cairn::Database", "Could not start a transaction"));
    Result<void> done = [&] {
        const Level level(depth, name);
        return work();
    }();
    if (!done) {
        db.rollback();
        return done;
    }
    if (!db.commit()) {
        const Error e = errorFrom(
            db.lastError(), QCoreApplication::translate("cairn::Database", "Could not save the changes"));
        db.rollback();
        return e;
    }
    return {};
}

} // namespace cairn
