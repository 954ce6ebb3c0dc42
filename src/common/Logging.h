#pragma once

#include <QString>

#include <memory>

namespace spdlog::sinks {
class sink;
}

namespace cairn {

// Application log through spdlog. Every sink sits behind one redacting sink, so no sink can receive
// a line that still holds a secret (see Redactor). Qt's own messages (qDebug/qWarning/...) and
// SQLite's and SQLCipher's logs are routed into the same logger.
class Logging
{
public:
    struct Options {
        QString logDirectory; // rotating cairn.log here; empty: no file sink
        QString level; // trace|debug|info|warn|error|critical|off; empty: resolveLevel()
        bool console = false; // also write to stderr
        qint64 maxFileBytes = 5LL * 1024 * 1024;
        int maxFiles = 3;
    };

    static constexpr const char *kEnvVar = "CAIRN_LOG_LEVEL";

    // CLI option first, then the CAIRN_LOG_LEVEL environment variable, then the saved setting,
    // then "info".
    static QString resolveLevel(const QString &fromCommandLine, const QString &fromSettings);
    static bool isValidLevel(const QString &level);

    // (Re)initialises the default logger. Safe to call again (e.g. once the data directory is known).
    static void init(const Options &options);
    static void setLevel(const QString &level);
    static QString level();
    static void addSink(const std::shared_ptr<spdlog::sinks::sink> &sink);
    static void removeSink(const std::shared_ptr<spdlog::sinks::sink> &sink);
    static void installQtMessageHandler();
    static QString logFilePath();
    static void flush();
    static void shutdown();

    // Whether the build console-logs by default (debug builds).
    static bool consoleByDefault();
};

} // namespace cairn
