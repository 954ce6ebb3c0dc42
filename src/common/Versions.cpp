#include "common/Versions.h"

#include "cairn/Version.h"

#include <QStringList>

#include "storage/sqlcipher/SqlCipherLog.h"

#include <spdlog/version.h>
#include <sqlite3.h>

namespace cairn {

QString Versions::app()
{
    return QString::fromLatin1(kAppVersion);
}

QString Versions::qt()
{
    return QString::fromLatin1(qVersion());
}

QString Versions::sqlcipher()
{
    static const QString version = []() {
        QString v;
        SqlCipherLog::install(); // before SQLite initialises
        sqlite3 *db = nullptr;
        if (sqlite3_open_v2(":memory:", &db, SQLITE_OPEN_READWRITE, nullptr) == SQLITE_OK) {
            sqlite3_stmt *stmt = nullptr;
            if (sqlite3_prepare_v2(db, "PRAGMA cipher_version", -1, &stmt, nullptr) == SQLITE_OK
                && sqlite3_step(stmt) == SQLITE_ROW)
                v = QString::fromUtf8(reinterpret_cast<const char *>(sqlite3_column_text(stmt, 0)));
            sqlite3_finalize(stmt);
        }
        sqlite3_close(db);
        return v;
    }();
    return version;
}

QString Versions::sqlite()
{
    return QString::fromLatin1(sqlite3_libversion());
}

QString Versions::qtkeychain()
{
    return QString::fromLatin1(kQtKeychainVersion);
}

QString Versions::spdlog()
{
    return QStringLiteral("%1.%2.%3").arg(SPDLOG_VER_MAJOR).arg(SPDLOG_VER_MINOR).arg(SPDLOG_VER_PATCH);
}

QString Versions::summary()
{
    return QStringList {QStringLiteral("Cairn %1").arg(app()), QStringLiteral("Qt %1").arg(qt()),
        QStringLiteral("SQLCipher %1 (SQLite %2)").arg(sqlcipher(), sqlite()),
        QStringLiteral("QtKeychain %1").arg(qtkeychain()), QStringLiteral("spdlog %1").arg(spdlog())}
        .join(QLatin1Char('\n'));
}

} // namespace cairn
