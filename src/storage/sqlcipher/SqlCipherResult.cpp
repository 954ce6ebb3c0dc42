#include "storage/sqlcipher/SqlCipherResult.h"

#include "storage/sqlcipher/SqlCipherDriver.h"

#include <QCoreApplication>
#include <QDate>
#include <QDateTime>
#include <QSqlDriver>
#include <QSqlError>
#include <QSqlField>
#include <QTime>
#include <QUuid>

#include <sqlite3.h>

Q_DECLARE_OPAQUE_POINTER(sqlite3_stmt *)
Q_DECLARE_METATYPE(sqlite3_stmt *)

namespace cairn {

QMetaType sqlCipherMetaTypeForDecl(const QString &decl); // SqlCipherDriver.cpp

namespace {
// Qt 6's QVariant::isNull() is false for a null QString, QByteArray, QDateTime...; the database
// must still see NULL for them (as QSqlResultPrivate::isVariantNull does for Qt's own drivers).
bool isNullValue(const QVariant &v)
{
    if (v.isNull())
        return true;
    switch (v.metaType().id()) {
    case QMetaType::QString:
        return static_cast<const QString *>(v.constData())->isNull();
    case QMetaType::QByteArray:
        return static_cast<const QByteArray *>(v.constData())->isNull();
    case QMetaType::QDateTime:
        return !static_cast<const QDateTime *>(v.constData())->isValid();
    case QMetaType::QDate:
        return static_cast<const QDate *>(v.constData())->isNull();
    case QMetaType::QTime:
        return !static_cast<const QTime *>(v.constData())->isValid();
    case QMetaType::QUuid:
        return static_cast<const QUuid *>(v.constData())->isNull();
    default:
        return false;
    }
}
} // namespace

namespace { } // namespace

SqlCipherResult::SqlCipherResult(const SqlCipherDriver *driver) : QSqlResult(driver)
{
    driver->registerResult(this);
}

SqlCipherResult::~SqlCipherResult()
{
    if (const SqlCipherDriver *d = cipherDriver())
        d->unregisterResult(this);
    finalizeStatement();
}

const SqlCipherDriver *SqlCipherResult::cipherDriver() const
{
    return static_cast<const SqlCipherDriver *>(driver());
}

QVariant SqlCipherResult::handle() const
{
    return QVariant::fromValue(m_stmt);
}

void SqlCipherResult::finalizeStatement()
{
    if (m_stmt) {
        sqlite3_finalize(m_stmt);
        m_stmt = nullptr;
    }
    m_rows.clear();
    m_rowBase = 0;
    m_done = true;
}

void SqlCipherResult::setError(const QString &what, QSqlError::ErrorType type, int rc)
{
    sqlite3 *db = cipherDriver() ? cipherDriver()->connection() : nullptr;
    const int ext = db ? sqlite3_extended_errcode(db) : rc;
    QString detail = db ? QString::fromUtf8(sqlite3_errmsg(db)) : QString::fromUtf8(sqlite3_errstr(rc));
    if ((ext & 0xff) == SQLITE_NOTADB)
        detail = QCoreApplication::translate("cairn::SqlCipherDriver", SqlCipherDriver::kWrongKeyText);
    setLastError(QSqlError(what, detail, type, QString::number(ext)));
}

bool SqlCipherResult::prepare(const QString &query)
{
    finalizeStatement();
    m_record.clear();
    m_changes = -1;
    setActive(false);
    setAt(QSql::BeforeFirstRow);
    const SqlCipherDriver *d = cipherDriver();
    if (!d || !d->isOpen() || !d->connection()) {
        setLastError(
            QSqlError(QCoreApplication::translate("cairn::SqlCipherResult", "Cannot prepare the statement"),
                QCoreApplication::translate("cairn::SqlCipherResult", "The database is not open."),
                QSqlError::ConnectionError));
        return false;
    }
    sqlite3 *db = d->connection();
    const void *tail = nullptr;
    const int rc = sqlite3_prepare16_v3(db, query.constData(),
        static_cast<int>((query.size() + 1) * sizeof(QChar)), SQLITE_PREPARE_PERSISTENT, &m_stmt, &tail);
    if (rc != SQLITE_OK) {
        setError(QCoreApplication::translate("cairn::SqlCipherResult", "Cannot prepare the statement"),
            QSqlError::StatementError, rc);
        finalizeStatement();
        return false;
    }
    if (tail) {
        // Refuse a second statement instead of silently ignoring it.
        const QString rest = QString(static_cast<const QChar *>(tail)).trimmed();
        if (!rest.isEmpty()) {
            sqlite3_stmt *extra = nullptr;
            const int extraRc = sqlite3_prepare16_v3(db, rest.constData(),
                static_cast<int>((rest.size() + 1) * sizeof(QChar)), 0, &extra, nullptr);
            const bool hasMore = extra != nullptr || extraRc != SQLITE_OK;
            sqlite3_finalize(extra);
            if (hasMore) {
                setLastError(QSqlError(
                    QCoreApplication::translate("cairn::SqlCipherResult", "Cannot prepare the statement"),
                    QCoreApplication::translate(
                        "cairn::SqlCipherResult", "Only one statement can be executed at a time."),
                    QSqlError::StatementError, QString::number(SQLITE_MISUSE)));
                finalizeStatement();
                return false;
            }
        }
    }
    if (!m_stmt) { // only whitespace or a comment
        setLastError(
            QSqlError(QCoreApplication::translate("cairn::SqlCipherResult", "Cannot prepare the statement"),
                QCoreApplication::translate("cairn::SqlCipherResult", "The statement is empty."),
                QSqlError::StatementError, QString::number(SQLITE_MISUSE)));
        return false;
    }
    const int cols = sqlite3_column_count(m_stmt);
    for (int i = 0; i < cols; ++i) {
        const QString name = QString::fromUtf8(sqlite3_column_name(m_stmt, i));
        const char *decl = sqlite3_column_decltype(m_stmt, i);
        const char *table = sqlite3_column_table_name(m_stmt, i);
        QSqlField f(name, sqlCipherMetaTypeForDecl(decl ? QString::fromUtf8(decl) : QString()),
            table ? QString::fromUtf8(table) : QString());
        m_record.append(f);
    }
    setSelect(cols > 0);
    return true;
}

bool SqlCipherResult::reset(const QString &query)
{
    if (!prepare(query))
        return false;
    return run(false);
}

bool SqlCipherResult::exec()
{
    return run(true);
}

bool SqlCipherResult::bindAll()
{
    const int count = sqlite3_bind_parameter_count(m_stmt);
    const QList<QVariant> values = boundValues();
    for (int i = 1; i <= count; ++i) {
        const char *name = sqlite3_bind_parameter_name(m_stmt, i);
        QVariant v;
        if (name && (name[0] == ':' || name[0] == '@' || name[0] == '$'))
            v = boundValue(QString::fromUtf8(name));
        else
            v = values.value(i - 1);
        int rc = SQLITE_OK;
        if (isNullValue(v)) {
            rc = sqlite3_bind_null(m_stmt, i);
        } else {
            switch (v.metaType().id()) {
            case QMetaType::Bool:
                rc = sqlite3_bind_int(m_stmt, i, v.toBool() ? 1 : 0);
                break;
            case QMetaType::Int:
            case QMetaType::UInt:
            case QMetaType::Short:
            case QMetaType::UShort:
            case QMetaType::Char:
            case QMetaType::SChar:
            case QMetaType::UChar:
            case QMetaType::Long:
            case QMetaType::LongLong:
                rc = sqlite3_bind_int64(m_stmt, i, v.toLongLong());
                break;
            case QMetaType::ULong:
            case QMetaType::ULongLong: {
                const qulonglong u = v.toULongLong();
                if (u > static_cast<qulonglong>(std::numeric_limits<qint64>::max())) {
                    setLastError(QSqlError(
                        QCoreApplication::translate("cairn::SqlCipherResult", "Cannot bind the value"),
                        QCoreApplication::translate(
                            "cairn::SqlCipherResult", "Parameter %1 does not fit in a signed 64-bit integer.")
                            .arg(i),
                        QSqlError::StatementError, QString::number(SQLITE_RANGE)));
                    return false;
                }
                rc = sqlite3_bind_int64(m_stmt, i, static_cast<sqlite3_int64>(u));
                break;
            }
            case QMetaType::Double:
            case QMetaType::Float:
                rc = sqlite3_bind_double(m_stmt, i, v.toDouble());
                break;
            case QMetaType::QByteArray: {
                const QByteArray b = v.toByteArray();
                rc = sqlite3_bind_blob64(
                    m_stmt, i, b.constData(), static_cast<sqlite3_uint64>(b.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QDateTime: {
                const QByteArray s = v.toDateTime().toUTC().toString(Qt::ISODateWithMs).toUtf8();
                rc = sqlite3_bind_text(
                    m_stmt, i, s.constData(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QDate: {
                const QByteArray s = v.toDate().toString(Qt::ISODate).toUtf8();
                rc = sqlite3_bind_text(
                    m_stmt, i, s.constData(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QTime: {
                const QByteArray s = v.toTime().toString(Qt::ISODateWithMs).toUtf8();
                rc = sqlite3_bind_text(
                    m_stmt, i, s.constData(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QUuid: {
                const QByteArray s = v.toUuid().toByteArray(QUuid::WithoutBraces);
                rc = sqlite3_bind_text(
                    m_stmt, i, s.constData(), static_cast<int>(s.size()), SQLITE_TRANSIENT);
                break;
            }
            case QMetaType::QString: {
                const QString s = v.toString();
                rc = sqlite3_bind_text16(
                    m_stmt, i, s.constData(), static_cast<int>(s.size() * sizeof(QChar)), SQLITE_TRANSIENT);
                break;
            }
            default: {
                if (!v.canConvert<QString>()) {
                    setLastError(QSqlError(
                        QCoreApplication::translate("cairn::SqlCipherResult", "Cannot bind the value"),
                        QCoreApplication::translate("cairn::SqlCipherResult",
                            "Parameter %1 has a type the database cannot store (%2).")
                            .arg(i)
                            .arg(QString::fromLatin1(v.metaType().name())),
                        QSqlError::StatementError, QString::number(SQLITE_MISMATCH)));
                    return false;
                }
                const QString s = v.toString();
                rc = sqlite3_bind_text16(
                    m_stmt, i, s.constData(), static_cast<int>(s.size() * sizeof(QChar)), SQLITE_TRANSIENT);
                break;
            }
            }
        }
        if (rc != SQLITE_OK) {
            setError(QCoreApplication::translate("cairn::SqlCipherResult", "Cannot bind the value"),
                QSqlError::StatementError, rc);
            return false;
        }
    }
    return true;
}

bool SqlCipherResult::run(bool bindValues)
{
    if (!m_stmt) {
        if (!lastError().isValid())
            setLastError(QSqlError(
                QCoreApplication::translate("cairn::SqlCipherResult", "Cannot execute the statement"),
                QCoreApplication::translate("cairn::SqlCipherResult", "No statement was prepared."),
                QSqlError::StatementError));
        return false;
    }
    sqlite3_reset(m_stmt);
    sqlite3_clear_bindings(m_stmt);
    m_rows.clear();
    m_rowBase = 0;
    m_done = false;
    m_changes = -1;
    setAt(QSql::BeforeFirstRow);
    setActive(false);
    if (bindValues && !bindAll())
        return false;

    sqlite3 *db = cipherDriver()->connection();
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        m_rows.push_back(statementRow());
    } else if (rc == SQLITE_DONE) {
        m_done = true;
        m_changes = sqlite3_column_count(m_stmt) > 0 ? -1 : sqlite3_changes(db);
        sqlite3_reset(m_stmt); // release locks at once
    } else {
        setError(QCoreApplication::translate("cairn::SqlCipherResult", "Cannot execute the statement"),
            QSqlError::StatementError, rc);
        sqlite3_reset(m_stmt);
        m_done = true;
        return false;
    }
    setSelect(sqlite3_column_count(m_stmt) > 0);
    setLastError(QSqlError());
    setActive(true);
    return true;
}

bool SqlCipherResult::stepRow()
{
    if (m_done || !m_stmt)
        return false;
    const int rc = sqlite3_step(m_stmt);
    if (rc == SQLITE_ROW) {
        if (isForwardOnly()) {
            m_rowBase += static_cast<int>(m_rows.size());
            m_rows.clear();
        }
        m_rows.push_back(statementRow());
        return true;
    }
    m_done = true;
    if (rc != SQLITE_DONE)
        setError(QCoreApplication::translate("cairn::SqlCipherResult", "Cannot fetch the row"),
            QSqlError::StatementError, rc);
    sqlite3_reset(m_stmt);
    return false;
}

QVariantList SqlCipherResult::statementRow() const
{
    QVariantList row;
    const int cols = sqlite3_column_count(m_stmt);
    row.reserve(cols);
    for (int c = 0; c < cols; ++c)
        row.append(columnValue(c));
    return row;
}

QVariant SqlCipherResult::columnValue(int col) const
{
    switch (sqlite3_column_type(m_stmt, col)) {
    case SQLITE_INTEGER: {
        const qint64 v = sqlite3_column_int64(m_stmt, col);
        if (numericalPrecisionPolicy() == QSql::LowPrecisionInt32)
            return QVariant(static_cast<int>(v));
        return QVariant(static_cast<qlonglong>(v));
    }
    case SQLITE_FLOAT: {
        const double v = sqlite3_column_double(m_stmt, col);
        switch (numericalPrecisionPolicy()) {
        case QSql::LowPrecisionInt32:
            return QVariant(static_cast<int>(v));
        case QSql::LowPrecisionInt64:
            return QVariant(static_cast<qlonglong>(v));
        case QSql::HighPrecision:
            return QVariant(QString::number(v, 'g', 17));
        case QSql::LowPrecisionDouble:
            break;
        }
        return QVariant(v);
    }
    case SQLITE_BLOB: {
        const int n = sqlite3_column_bytes(m_stmt, col);
        const void *p = sqlite3_column_blob(m_stmt, col);
        return QVariant(QByteArray(static_cast<const char *>(p), n));
    }
    case SQLITE_NULL:
        return QVariant(col < m_record.count() ? m_record.field(col).metaType() : QMetaType());
    default: {
        const unsigned char *p = sqlite3_column_text(m_stmt, col);
        const int n = sqlite3_column_bytes(m_stmt, col);
        return QVariant(QString::fromUtf8(reinterpret_cast<const char *>(p), n));
    }
    }
}

bool SqlCipherResult::fetch(int index)
{
    if (!isActive() || !isSelect() || index < 0)
        return false;
    if (index < m_rowBase) // forward-only: earlier rows are gone
        return false;
    while (index >= m_rowBase + static_cast<int>(m_rows.size())) {
        if (!stepRow()) {
            setAt(QSql::AfterLastRow);
            return false;
        }
    }
    setAt(index);
    return true;
}

bool SqlCipherResult::fetchNext()
{
    return fetch(at() < 0 ? 0 : at() + 1);
}

bool SqlCipherResult::fetchFirst()
{
    return fetch(0);
}

bool SqlCipherResult::fetchLast()
{
    if (!isActive() || !isSelect())
        return false;
    while (stepRow()) { }
    const int last = m_rowBase + static_cast<int>(m_rows.size()) - 1;
    if (last < 0 || (isForwardOnly() && m_rows.empty()))
        return false;
    setAt(last);
    return true;
}

const QVariantList *SqlCipherResult::currentRow() const
{
    const int i = at() - m_rowBase;
    if (i < 0 || i >= static_cast<int>(m_rows.size()))
        return nullptr;
    return &m_rows[static_cast<std::size_t>(i)];
}

QVariant SqlCipherResult::data(int field)
{
    const QVariantList *row = currentRow();
    if (!row || field < 0 || field >= row->size())
        return {};
    return row->at(field);
}

bool SqlCipherResult::isNull(int field)
{
    const QVariantList *row = currentRow();
    if (!row || field < 0 || field >= row->size())
        return true;
    return row->at(field).isNull();
}

int SqlCipherResult::size()
{
    return -1;
}

int SqlCipherResult::numRowsAffected()
{
    return m_changes;
}

QVariant SqlCipherResult::lastInsertId() const
{
    if (!isActive() || !cipherDriver() || !cipherDriver()->connection())
        return {};
    const qint64 id = sqlite3_last_insert_rowid(cipherDriver()->connection());
    return id ? QVariant(static_cast<qlonglong>(id)) : QVariant();
}

QSqlRecord SqlCipherResult::record() const
{
    if (!isActive() || !isSelect())
        return {};
    return m_record;
}

void SqlCipherResult::detachFromResultSet()
{
    if (m_stmt)
        sqlite3_reset(m_stmt);
    m_done = true;
}

} // namespace cairn
