#pragma once

namespace cairn {

// SIGTERM, SIGINT and SIGHUP (a logout, `kill`, Ctrl+C) make the application quit through its
// event loop, so windows save their state and the database closes cleanly, instead of the process
// dying mid-write. Uses the self-pipe pattern; call once after the QCoreApplication exists.
// No-op where POSIX signals do not exist.
class QuitOnSignal
{
public:
    static void install();
};

} // namespace cairn
