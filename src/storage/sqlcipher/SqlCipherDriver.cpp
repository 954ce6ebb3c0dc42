#include "storage/sqlcipher/SqlCipherDriver.h"

#include "storage/sqlcipher/SqlCipherLog.h"
#include "storage/sqlcipher/SqlCipherResult.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QSqlField>
#include <QSqlIndex>
#include <QSqlQuery>
#include <QSqlRecord>

#include <sqlite3.h>

#include <spdlog/spdlog.h>

#ifdef Q_OS_UNIX
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>
#endif

Q_DECLARE_OPAQUE_POINTER(sqlite3 *)
Q_DECLARE_METATYPE(sqlite3 *)

namespace cairn {

namespace {

struct ConnectOptions {
    bool rawKey = false;
    bool create = false;
    bool readOnly = false;
    int busyTimeoutMs = 5000;
    int cacheKiB = 65536;
    QString journal = QStringLiteral("WAL");
    QString unknown;
};

ConnectOptions parseOptions(const QString &text)
{
    ConnectOptions o;
    const QStringList parts = text.split(QLatin1Char(';'), Qt::SkipEmptyParts);
    for (const QString &raw : parts) {
        const QString opt = raw.trimmed();
        const QString name = opt.section(QLatin1Char('='), 0, 0).trimmed().toUpper();
        const QString value = opt.section(QLatin1Char('='), 1).trimmed();
        if (name == QLatin1String("CAIRN_RAW_KEY"))
            o.rawKey = true;
        else if (name == QLatin1String("CAIRN_CREATE"))
            o.create = true;
        else if (name == QLatin1String("CAIRN_READONLY"))
            o.readOnly = true;
        else if (name == QLatin1String("CAIRN_BUSY_TIMEOUT"))
            o.busyTimeoutMs = value.toInt();
        else if (name == QLatin1String("CAIRN_CACHE_KB"))
            o.cacheKiB = value.toInt();
        else if (name == QLatin1String("CAIRN_JOURNAL"))
            o.journal = value.toUpper();
        else if (!name.isEmpty())
            o.unknown = name;
    }
    return o;
}

bool isHexKey(const QByteArray &key)
{
    if (key.size() != 64)
        return false;
    for (char c : key) {
        if (!std::isxdigit(static_cast<unsigned char>(c)))
            return false;
    }
    return true;
}

// Creates the database file with owner-only permissions before SQLite does, so the file, and the
// -wal and -shm files that SQLite creates with the same mode, are never readable by others.
bool createPrivateFile(const QString &path)
{
#ifdef Q_OS_UNIX
    const QByteArray native = QFile::encodeName(path);
    const int fd = ::open(native.constData(), O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0600);
    if (fd < 0)
        return errno == EEXIST;
    ::close(fd);
    return true;
#else
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::NewOnly);
#endif
}

} // namespace

SqlCipherDriver::SqlCipherDriver(QObject *parent) : QSqlDriver(parent) { }

SqlCipherDriver::~SqlCipherDriver()
{
    close();
}

void SqlCipherDriver::registerDriver()
{
    static QMutex mutex;
    static bool done = false;
    QMutexLocker lock(&mutex);
    if (done)
        return;
    SqlCipherLog::install();
    QSqlDatabase::registerSqlDriver(QLatin1String(kName), new QSqlDriverCreator<SqlCipherDriver>);
    done = true;
}

QString SqlCipherDriver::sqliteVersion()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString SqlCipherDriver::runtimeProblem()
{
    static const QString problem = []() -> QString {
        SqlCipherLog::install();
        sqlite3 *db = nullptr;
        QString version;
        if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
            sqlite3_stmt *stmt = nullptr;
            if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK
                && sqlite3_step(stmt) == SQLITE_ROW)
                version = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db);
        if (version.isEmpty())
            return QStringLiteral(
                "the SQLite library in use is not SQLCipher (PRAGMA cipher_version is empty)");
        const QStringList parts = version.section(QLatin1Char(' '), 0, 0).split(QLatin1Char('.'));
        const int major = parts.value(0).toInt();
        const int minor = parts.value(1).toInt();
        // 4.6 brings SQLite 3.45+: contentless-delete FTS5 tables (3.43) and the trigram tokenizer's
        // remove_diacritics option (3.45), which the search index uses.
        if (major < 4 || (major == 4 && minor < 6) || sqlite3_libversion_number() < 3045000)
            return QStringLiteral("SQLCipher %1 (SQLite %2) is too old; Cairn needs 4.6 or newer")
                .arg(version, QString::fromLatin1(sqlite3_libversion()));
        if (!sqlite3_compileoption_used("ENABLE_FTS5"))
            return QStringLiteral("SQLCipher %1 was built without FTS5, which Cairn needs").arg(version);
        return {};
    }();
    return problem;
}

bool SqlCipherDriver::keyOpens(const QString &path, const QString &password, bool rawKey)
{
    registerDriver();
    QByteArray key = password.toUtf8();
    if (key.isEmpty() || (rawKey && !isHexKey(key)))
        return false;
    if (rawKey) {
        QByteArray wrapped;
        wrapped.append("x'").append(key).append('\'');
        key.fill('\0');
        key.swap(wrapped);
    }
    sqlite3 *db = nullptr;
    const QByteArray native = path.toUtf8();
    bool ok = sqlite3_open_v2(native.constData(), &db, SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX, nullptr)
        == SQLITE_OK;
    if (ok) {
        sqlite3_busy_timeout(db, 5000);
        ok = sqlite3_key_v2(db, "main", key.constData(), static_cast<int>(key.size())) == SQLITE_OK
            && sqlite3_exec(db, kCipherSettings, nullptr, nullptr, nullptr) == SQLITE_OK
            && sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", nullptr, nullptr, nullptr) == SQLITE_OK;
    }
    key.fill('\0');
    sqlite3_close_v2(db);
    return ok;
}

bool SqlCipherDriver::hasFeature(DriverFeature feature) const
{
    switch (feature) {
    case Transactions:
    case BLOB:
    case Unicode:
    case PreparedQueries:
    case NamedPlaceholders:
    case PositionalPlaceholders:
    case LastInsertId:
    case LowPrecisionNumbers:
    case FinishQuery:
    case SimpleLocking:
        return true;
    case QuerySize:
    case BatchOperations:
    case EventNotifications:
    case MultipleResultSets:
    case CancelQuery:
        return false;
    }
    return false;
}

QSqlError SqlCipherDriver::makeError(const QString &what, QSqlError::ErrorType type, int rc) const
{
    QString detail = m_db ? QString::fromUtf8(sqlite3_errmsg(m_db)) : QString::fromUtf8(sqlite3_errstr(rc));
    if ((rc & 0xff) == SQLITE_NOTADB)
        detail = tr(kWrongKeyText);
    return QSqlError(what, detail, type, QString::number(rc));
}

bool SqlCipherDriver::execSimple(const char *sql, const QString &what)
{
    char *err = nullptr;
    const int rc = sqlite3_exec(m_db, sql, nullptr, nullptr, &err);
    if (rc != SQLITE_OK) {
        const int ext = sqlite3_extended_errcode(m_db);
        QString detail = QString::fromUtf8(err ? err : sqlite3_errstr(rc));
        if ((rc & 0xff) == SQLITE_NOTADB)
            detail = tr(kWrongKeyText);
        sqlite3_free(err);
        setLastError(QSqlError(what, detail, QSqlError::StatementError, QString::number(ext)));
        return false;
    }
    return true;
}

bool SqlCipherDriver::open(const QString &db, const QString & /*user*/, const QString &password,
    const QString & /*host*/, int /*port*/, const QString &connOpts)
{
    if (isOpen())
        close();
    registerDriver();
    const ConnectOptions opts = parseOptions(connOpts);
    auto fail = [this](const QSqlError &e) {
        setLastError(e);
        if (m_db) {
            sqlite3_close_v2(m_db);
            m_db = nullptr;
        }
        setOpenError(true);
        return false;
    };
    if (const QString problem = runtimeProblem(); !problem.isEmpty())
        return fail(QSqlError(tr("Unsupported SQLCipher"), problem, QSqlError::ConnectionError));
    if (!opts.unknown.isEmpty())
        return fail(QSqlError(tr("Unknown connect option"), opts.unknown, QSqlError::ConnectionError));
    if (db.isEmpty())
        return fail(QSqlError(
            tr("Cannot open the database"), tr("No file name was given."), QSqlError::ConnectionError));

    const bool memory = db == QLatin1String(":memory:");
    const bool exists = memory || QFileInfo::exists(db);
    if (!exists) {
        if (!opts.create || opts.readOnly)
            return fail(QSqlError(tr("Cannot open the database"), tr("The file %1 does not exist.").arg(db),
                QSqlError::ConnectionError, QString::number(SQLITE_CANTOPEN)));
        if (!createPrivateFile(db))
            return fail(QSqlError(tr("Cannot create the database"),
                tr("Cannot create %1: %2").arg(db, QString::fromLocal8Bit(strerror(errno))),
                QSqlError::ConnectionError, QString::number(SQLITE_CANTOPEN)));
    }

    int flags = opts.readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE;
    flags |= SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE;
    const QByteArray path = db.toUtf8();
    int rc = sqlite3_open_v2(path.constData(), &m_db, flags, nullptr);
    if (rc != SQLITE_OK)
        return fail(makeError(tr("Cannot open the database"), QSqlError::ConnectionError, rc));
    // Not a statement: lets the key check below wait for another connection's recovery/checkpoint.
    sqlite3_busy_timeout(m_db, opts.busyTimeoutMs);

    // Key first, before any other statement.
    if (!password.isEmpty()) {
        QByteArray key = password.toUtf8();
        if (opts.rawKey) {
            if (!isHexKey(key)) {
                key.fill('\0');
                return fail(QSqlError(tr("Cannot open the database"),
                    tr("A raw key must be 64 hexadecimal digits."), QSqlError::ConnectionError));
            }
            QByteArray wrapped;
            wrapped.reserve(key.size() + 3);
            wrapped.append("x'").append(key).append('\'');
            key.fill('\0');
            key.swap(wrapped);
        }
        rc = sqlite3_key_v2(m_db, "main", key.constData(), static_cast<int>(key.size()));
        key.fill('\0');
        if (rc != SQLITE_OK)
            return fail(makeError(tr("Cannot set the database key"), QSqlError::ConnectionError, rc));
        // Cairn's cipher settings: SQLCipher 4 defaults (AES-256-CBC, PBKDF2-HMAC-SHA512 with
        // 256,000 iterations, 4 KiB pages) except the per-page HMAC, which is HMAC-SHA256 instead
        // of HMAC-SHA512: as strong for authentication, and about twice as fast on CPUs with SHA
        // extensions, which matters on every page read from disk. These settings are part of the
        // file format: tools opening a Cairn database must use the same.
        if (!execSimple(kCipherSettings, tr("Cannot apply the cipher settings")))
            return fail(lastError());
    }

    // Verify the key by reading the schema. A wrong key (or a file that is not a database) fails
    // here, before anything could be written.
    if (!execSimple("SELECT count(*) FROM sqlite_master", tr("Cannot open the database"))) {
        const QSqlError e = lastError();
        return fail(QSqlError(tr("Cannot open the database"), e.databaseText(), QSqlError::ConnectionError,
            e.nativeErrorCode()));
    }

    if (!opts.readOnly && !memory) {
        const QByteArray journal = opts.journal == QLatin1String("DELETE")
            ? QByteArrayLiteral("PRAGMA journal_mode=DELETE")
            : QByteArrayLiteral("PRAGMA journal_mode=WAL");
        if (!execSimple(journal.constData(), tr("Cannot set the journal mode"))
            || !execSimple("PRAGMA synchronous=NORMAL", tr("Cannot set synchronous mode")))
            return fail(lastError());
    }
    if (!execSimple("PRAGMA foreign_keys=ON", tr("Cannot enable foreign keys")))
        return fail(lastError());
    // Decrypted pages stay in SQLite's page cache; a larger cache saves re-decrypting hot pages.
    // The cache grows only as pages are used.
    if (opts.cacheKiB > 0) {
        const QByteArray cache = "PRAGMA cache_size=-" + QByteArray::number(opts.cacheKiB);
        if (!execSimple(cache.constData(), tr("Cannot set the cache size")))
            return fail(lastError());
    }
#ifdef Q_OS_UNIX
    if (!memory && !opts.readOnly)
        ::chmod(path.constData(), 0600);
#endif

    setOpen(true);
    setOpenError(false);
    setLastError(QSqlError());
    return true;
}

void SqlCipherDriver::close()
{
    if (!m_db)
        return;
    // Finalize every statement first, so the connection closes at once.
    const QList<SqlCipherResult *> live = m_results;
    for (SqlCipherResult *r : live)
        r->finalizeStatement();
    m_results.clear();
    if (sqlite3_close(m_db) != SQLITE_OK) {
        setLastError(
            makeError(tr("Cannot close the database"), QSqlError::ConnectionError, sqlite3_errcode(m_db)));
        sqlite3_close_v2(m_db);
    }
    m_db = nullptr;
    setOpen(false);
    setOpenError(false);
}

QSqlResult *SqlCipherDriver::createResult() const
{
    return new SqlCipherResult(this);
}

void SqlCipherDriver::registerResult(SqlCipherResult *r) const
{
    m_results.append(r);
}

void SqlCipherDriver::unregisterResult(SqlCipherResult *r) const
{
    m_results.removeOne(r);
}

bool SqlCipherDriver::beginTransaction()
{
    // IMMEDIATE takes the write lock at once: with WAL and one connection per thread, a deferred
    // transaction that reads and then writes could fail with SQLITE_BUSY instead of waiting.
    if (!isOpen() || isOpenError())
        return false;
    return execSimple("BEGIN IMMEDIATE", tr("Cannot begin the transaction"));
}

bool SqlCipherDriver::commitTransaction()
{
    if (!isOpen() || isOpenError())
        return false;
    return execSimple("COMMIT", tr("Cannot commit the transaction"));
}

bool SqlCipherDriver::rollbackTransaction()
{
    if (!isOpen() || isOpenError())
        return false;
    return execSimple("ROLLBACK", tr("Cannot roll back the transaction"));
}

bool SqlCipherDriver::execScript(const QString &sql)
{
    if (!isOpen())
        return false;
    const QByteArray utf8 = sql.toUtf8();
    return execSimple(utf8.constData(), tr("Cannot run the SQL script"));
}

QStringList SqlCipherDriver::tables(QSql::TableType type) const
{
    QStringList result;
    if (!isOpen())
        return result;
    QStringList clauses;
    if (type & QSql::Tables)
        clauses << QStringLiteral("(type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\')");
    if (type & QSql::Views)
        clauses << QStringLiteral("type = 'view'");
    if (!clauses.isEmpty()) {
        QSqlQuery q(createResult());
        q.setForwardOnly(true);
        q.exec(QStringLiteral("SELECT name FROM sqlite_master WHERE ") + clauses.join(QStringLiteral(" OR "))
            + QStringLiteral(" ORDER BY name"));
        while (q.next())
            result << q.value(0).toString();
    }
    if (type & QSql::SystemTables) {
        result << QStringLiteral("sqlite_master");
        QSqlQuery q(createResult());
        q.exec(QStringLiteral(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name LIKE 'sqlite\\_%' ESCAPE '\\'"));
        while (q.next())
            result << q.value(0).toString();
    }
    return result;
}

namespace {

QMetaType metaTypeForDecl(const QString &decl)
{
    const QString t = decl.trimmed().toUpper();
    if (t.isEmpty())
        return QMetaType(QMetaType::QString);
    if (t.startsWith(QLatin1String("BOOL")))
        return QMetaType(QMetaType::Bool);
    if (t.contains(QLatin1String("INT")))
        return QMetaType(QMetaType::LongLong);
    if (t.contains(QLatin1String("REAL")) || t.contains(QLatin1String("FLOA"))
        || t.contains(QLatin1String("DOUB")) || t.contains(QLatin1String("NUMERIC"))
        || t.contains(QLatin1String("DECIMAL")))
        return QMetaType(QMetaType::Double);
    if (t.contains(QLatin1String("BLOB")))
        return QMetaType(QMetaType::QByteArray);
    if (t.contains(QLatin1String("DATETIME")) || t.contains(QLatin1String("TIMESTAMP")))
        return QMetaType(QMetaType::QDateTime);
    if (t == QLatin1String("DATE"))
        return QMetaType(QMetaType::QDate);
    if (t == QLatin1String("TIME"))
        return QMetaType(QMetaType::QTime);
    return QMetaType(QMetaType::QString);
}

} // namespace

QMetaType sqlCipherMetaTypeForDecl(const QString &decl)
{
    return metaTypeForDecl(decl);
}

QSqlRecord SqlCipherDriver::record(const QString &tableName) const
{
    QSqlRecord rec;
    if (!isOpen() || tableName.isEmpty())
        return rec;
    QString schema;
    QString table = tableName;
    if (!isIdentifierEscaped(tableName, TableName) && tableName.contains(QLatin1Char('.'))) {
        schema = tableName.section(QLatin1Char('.'), 0, 0);
        table = tableName.section(QLatin1Char('.'), 1);
    }
    if (isIdentifierEscaped(table, TableName))
        table = stripDelimiters(table, TableName);
    QSqlQuery q(createResult());
    q.setForwardOnly(true);
    const QString prefix
        = schema.isEmpty() ? QString() : escapeIdentifier(schema, TableName) + QLatin1Char('.');
    if (!q.exec(QStringLiteral("PRAGMA ") + prefix + QStringLiteral("table_info(")
            + escapeIdentifier(table, TableName) + QLatin1Char(')')))
        return rec;
    int pkCount = 0;
    QList<QSqlField> fields;
    QList<int> pkFlags;
    while (q.next()) {
        const QString name = q.value(1).toString();
        const QString decl = q.value(2).toString();
        QSqlField f(name, metaTypeForDecl(decl), table);
        f.setRequiredStatus(q.value(3).toInt() ? QSqlField::Required : QSqlField::Optional);
        if (!q.value(4).isNull())
            f.setDefaultValue(q.value(4));
        const int pk = q.value(5).toInt();
        if (pk > 0)
            ++pkCount;
        fields << f;
        pkFlags << pk;
    }
    for (qsizetype i = 0; i < fields.size(); ++i) {
        QSqlField f = fields.at(i);
        // A single INTEGER PRIMARY KEY column is the rowid: SQLite assigns it.
        if (pkFlags.at(i) > 0 && pkCount == 1 && f.metaType().id() == QMetaType::LongLong) {
            f.setAutoValue(true);
            f.setRequiredStatus(QSqlField::Optional);
        }
        rec.append(f);
    }
    return rec;
}

QSqlIndex SqlCipherDriver::primaryIndex(const QString &tableName) const
{
    QString table = tableName;
    if (isIdentifierEscaped(table, TableName))
        table = stripDelimiters(table, TableName);
    QSqlIndex index(table);
    if (!isOpen())
        return index;
    QSqlQuery q(createResult());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT name, type, pk FROM pragma_table_info(?) WHERE pk > 0 ORDER BY pk"));
    q.addBindValue(table);
    if (!q.exec())
        return index;
    while (q.next())
        index.append(QSqlField(q.value(0).toString(), metaTypeForDecl(q.value(1).toString()), table));
    if (!index.isEmpty())
        index.setName(QStringLiteral("sqlite_autoindex_") + table);
    return index;
}

bool SqlCipherDriver::isIdentifierEscaped(const QString &identifier, IdentifierType) const
{
    return identifier.size() > 2
        && ((identifier.startsWith(QLatin1Char('"')) && identifier.endsWith(QLatin1Char('"')))
            || (identifier.startsWith(QLatin1Char('`')) && identifier.endsWith(QLatin1Char('`')))
            || (identifier.startsWith(QLatin1Char('[')) && identifier.endsWith(QLatin1Char(']'))));
}

QString SqlCipherDriver::escapeIdentifier(const QString &identifier, IdentifierType type) const
{
    if (identifier.isEmpty() || isIdentifierEscaped(identifier, type))
        return identifier;
    QString inner = identifier;
    inner.replace(QLatin1Char('"'), QLatin1String("\"\""));
    return QLatin1Char('"') + inner + QLatin1Char('"');
}

QString SqlCipherDriver::formatValue(const QSqlField &field, bool trimStrings) const
{
    if (field.isNull())
        return QStringLiteral("NULL");
    switch (field.metaType().id()) {
    case QMetaType::Bool:
        return field.value().toBool() ? QStringLiteral("1") : QStringLiteral("0");
    case QMetaType::QByteArray:
        return QStringLiteral("X'") + QString::fromLatin1(field.value().toByteArray().toHex())
            + QLatin1Char('\'');
    case QMetaType::QDateTime:
        return QLatin1Char('\'') + field.value().toDateTime().toUTC().toString(Qt::ISODateWithMs)
            + QLatin1Char('\'');
    default:
        return QSqlDriver::formatValue(field, trimStrings);
    }
}

QVariant SqlCipherDriver::handle() const
{
    return QVariant::fromValue(m_db);
}

} // namespace cairn
