#pragma once

#include "common/Result.h"

#include <QList>
#include <QSqlDatabase>
#include <QString>

namespace cairn {

struct Migration {
    int version = 0;
    QString name;
    QString sql;
};

// Versioned schema migrations: SQL files in resources (:/cairn/migrations/NNNN_name.sql). Each is
// applied in one transaction together with its row in schema_migrations and PRAGMA user_version.
// Applied migrations are never edited: later issues add new files. A database whose version is
// newer than the newest migration this build knows is refused before anything is written.
class Migrator
{
public:
    static QList<Migration> builtin();
    explicit Migrator(QList<Migration> migrations = builtin());

    int latestVersion() const;
    // 0 for an empty database.
    static Result<int> currentVersion(QSqlDatabase &db);
    Result<void> checkCompatible(QSqlDatabase &db) const;
    // Applies every pending migration; returns how many were applied.
    Result<int> migrate(QSqlDatabase &db) const;

private:
    QList<Migration> m_migrations;
};

} // namespace cairn
