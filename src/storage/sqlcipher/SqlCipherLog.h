#pragma once

namespace cairn {

// Routes SQLite's error log (sqlite3_config(SQLITE_CONFIG_LOG)) and SQLCipher's own log into the
// application log instead of stderr. SQLCipher writes its log through C stdio to a path; on Unix we
// give it the slave side of a pseudo-terminal (so stdio line-buffers it) and a reader thread
// forwards each line to spdlog. Where that is impossible SQLCipher's log is silenced rather than
// left on stderr. Must run before the first database is opened; idempotent.
class SqlCipherLog
{
public:
    static void install();
    // Forwards what is pending and stops forwarding; runs at exit, and should be called before
    // main() returns (after it, SQLCipher's messages are dropped).
    static void shutdown();
    // True when SQLCipher's own messages reach our log (false: they are silenced).
    static bool forwarding();
};

} // namespace cairn
