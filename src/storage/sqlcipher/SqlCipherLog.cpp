#include "storage/sqlcipher/SqlCipherLog.h"

#include <sqlite3.h>

#include "common/Redactor.h"

#include <spdlog/spdlog.h>

#include <atomic>
#include <cerrno>
#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <cstring>
#include <mutex>
#include <string>
#include <thread>

#if defined(Q_OS_UNIX) || defined(__unix__) || defined(__APPLE__)
#define CAIRN_HAVE_PTY 1
#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>
#if defined(__APPLE__)
#include <util.h>
#else
#include <pty.h>
#endif
#endif

namespace cairn {

namespace {

std::atomic<bool> g_forwarding {false};
// shutdown() asks the reader to stop; the reader first forwards everything already written, then
// acknowledges and from then on only discards, so it never logs into a logger that is shut down or
// being destroyed at exit.
std::mutex g_stopMutex;
std::condition_variable g_stopCv;
bool g_stopRequested = false;
bool g_stopped = false;
int g_master = -1;

void sqliteLogCallback(void * /*unused*/, int code, const char *message)
{
    const int primary = code & 0xff;
    spdlog::level::level_enum lvl = spdlog::level::info;
    if (primary == SQLITE_NOTICE || primary == SQLITE_SCHEMA)
        lvl = spdlog::level::debug;
    else if (primary == SQLITE_WARNING || primary == SQLITE_CORRUPT || primary == SQLITE_IOERR
        || primary == SQLITE_FULL || primary == SQLITE_NOTADB)
        lvl = spdlog::level::warn;
    spdlog::log(lvl, "[sqlite] ({}) {}", code, message ? message : "");
}

spdlog::level::level_enum levelOfCipherLine(const std::string &line)
{
    // SQLCipher formats lines as "<time>: <LEVEL> <SOURCE> <message>".
    if (line.find(": TRACE ") != std::string::npos)
        return spdlog::level::trace;
    if (line.find(": DEBUG ") != std::string::npos)
        return spdlog::level::debug;
    if (line.find(": INFO ") != std::string::npos)
        return spdlog::level::info;
    return spdlog::level::warn; // WARN and ERROR (a wrong key logs ERROR: it is expected)
}

void execOnMemoryDb(const std::string &sql)
{
    sqlite3 *db = nullptr;
    if (sqlite3_open(":memory:", &db) == SQLITE_OK)
        sqlite3_exec(db, sql.c_str(), nullptr, nullptr, nullptr);
    sqlite3_close(db);
}

#ifdef CAIRN_HAVE_PTY
void readerLoop(int master)
{
    std::string pending;
    char buf[4096];
    bool stopped = false;
    for (;;) {
        pollfd p {master, POLLIN, 0};
        const int ready = ::poll(&p, 1, 25);
        if (ready < 0 && errno == EINTR)
            continue;
        if (ready > 0) {
            const ssize_t n = ::read(master, buf, sizeof buf);
            if (n < 0 && errno == EINTR)
                continue;
            if (n <= 0)
                break;
            if (stopped)
                continue; // keep draining so SQLCipher's writes never block
            pending.append(buf, static_cast<std::size_t>(n));
            std::size_t pos = 0;
            while ((pos = pending.find_first_of("\r\n")) != std::string::npos) {
                std::string line = pending.substr(0, pos);
                pending.erase(0, pos + 1);
                if (!line.empty())
                    spdlog::log(levelOfCipherLine(line), "[sqlcipher] {}", line);
            }
            continue;
        }
        // Idle: everything written so far has been forwarded.
        if (!stopped) {
            std::lock_guard<std::mutex> lock(g_stopMutex);
            if (g_stopRequested) {
                stopped = g_stopped = true;
                g_stopCv.notify_all();
            }
        }
    }
}

bool forwardThroughPty()
{
    int master = -1;
    int slave = -1;
    char name[256] = {0};
    if (openpty(&master, &slave, name, nullptr, nullptr) != 0)
        return false;
    termios tio {};
    if (tcgetattr(slave, &tio) == 0) {
        cfmakeraw(&tio);
        tcsetattr(slave, TCSANOW, &tio);
    }
    ::fcntl(master, F_SETFD, FD_CLOEXEC);
    ::fcntl(slave, F_SETFD, FD_CLOEXEC);
    // SQLCipher fopen()s the path itself; the slave fd stays open so the pty never hangs up.
    g_master = master;
    // Everything the reader thread touches is constructed before the exit handler is registered,
    // so the handler runs before their destructors.
    (void)spdlog::default_logger();
    (void)Redactor::redact(std::string_view("warm up"));
    std::atexit(&SqlCipherLog::shutdown);
    std::thread(readerLoop, master).detach();
    std::string quoted;
    for (const char *p = name; *p; ++p) {
        quoted += *p;
        if (*p == '\'')
            quoted += '\'';
    }
    execOnMemoryDb("PRAGMA cipher_log = '" + quoted + "'; PRAGMA cipher_log_level = WARN;");
    return true;
}
#endif

} // namespace

void SqlCipherLog::shutdown()
{
#ifdef CAIRN_HAVE_PTY
    if (g_master < 0)
        return;
    std::unique_lock<std::mutex> lock(g_stopMutex);
    g_stopRequested = true;
    g_stopCv.wait_for(lock, std::chrono::milliseconds(500), []() { return g_stopped; });
#endif
}

void SqlCipherLog::install()
{
    static std::once_flag once;
    std::call_once(once, []() {
        // Must precede sqlite3_initialize(); harmless if SQLite was already initialised.
        sqlite3_config(SQLITE_CONFIG_LOG, sqliteLogCallback, nullptr);
#ifdef CAIRN_HAVE_PTY
        if (forwardThroughPty()) {
            g_forwarding = true;
            return;
        }
#endif
        // No way to capture it here: silence it rather than let it reach stderr.
        execOnMemoryDb("PRAGMA cipher_log = 'device'; PRAGMA cipher_log_level = NONE;");
        spdlog::info("SQLCipher's own log is silenced on this platform");
    });
}

bool SqlCipherLog::forwarding()
{
    return g_forwarding;
}

} // namespace cairn
