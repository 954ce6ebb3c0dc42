#pragma once

#include <QString>

namespace cairn {

// Where Cairn keeps its database, settings and logs.
// Order of precedence: an explicit directory (the --data-dir option), the CAIRN_DATA_DIR
// environment variable, then the platform's application data location from QStandardPaths.
class DataLocation
{
public:
    static constexpr const char *kEnvVar = "CAIRN_DATA_DIR";

    static QString resolve(const QString &explicitDir = {});
    // Creates the directory (0700 on Unix) if it does not exist; an existing one is left as it is.
    // Returns an empty string on failure.
    static QString ensure(const QString &dir);

    static QString databasePath(const QString &dataDir);
    static QString settingsPath(const QString &dataDir);
    static QString logDirectory(const QString &dataDir);
};

} // namespace cairn
