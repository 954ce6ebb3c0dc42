#pragma once

#include "storage/Database.h"

#include <QByteArray>
#include <QString>
#include <QStringList>

namespace cairn::test {

// Opens (creating if asked) a QSQLCIPHER connection named `name` on the calling thread.
QSqlDatabase openConnection(const QString &name, const QString &path, const QString &password,
    const QString &options = QStringLiteral("CAIRN_CREATE"));
void closeConnection(const QString &name);

QByteArray readFile(const QString &path);
bool writeFile(const QString &path, const QByteArray &data);
// Writes `relative` under dir (making its folders) and returns the full path; a failure is fatal.
QString writeUnder(const QString &dir, const QString &relative, const QByteArray &data);

// Runs a program to completion (stdin closed); returns its exit code, -1 if it could not run.
struct Run {
    int exitCode = -1;
    QByteArray out;
    QByteArray err;
};
Run runProgram(const QString &program, const QStringList &args, int timeoutMs = 120000,
    const QStringList &extraEnv = {});
QString cliPath();
QString appPath();

} // namespace cairn::test
