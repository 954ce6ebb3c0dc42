#include "common/Logging.h"

#include "common/DataLocation.h"

#include "common/Redactor.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QMutex>
#include <QtGlobal>

#include <spdlog/sinks/base_sink.h>
#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <chrono>
#include <mutex>
#include <vector>

namespace cairn {

namespace {

// Redacts each message once, then hands it to every child sink.
class RedactingSink final : public spdlog::sinks::base_sink<std::mutex>
{
public:
    void add(const std::shared_ptr<spdlog::sinks::sink> &s)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        if (!m_pattern.empty())
            s->set_pattern(m_pattern);
        m_children.push_back(s);
    }
    void remove(const std::shared_ptr<spdlog::sinks::sink> &s)
    {
        std::lock_guard<std::mutex> lock(mutex_);
        m_children.erase(std::remove(m_children.begin(), m_children.end(), s), m_children.end());
    }

protected:
    void sink_it_(const spdlog::details::log_msg &msg) override
    {
        const std::string clean = Redactor::redact(std::string_view(msg.payload.data(), msg.payload.size()));
        spdlog::details::log_msg copy = msg;
        copy.payload = spdlog::string_view_t(clean.data(), clean.size());
        for (auto &child : m_children) {
            if (child->should_log(copy.level))
                child->log(copy);
        }
    }
    void set_pattern_(const std::string &pattern) override
    {
        m_pattern = pattern;
        for (auto &child : m_children)
            child->set_pattern(pattern);
    }
    void set_formatter_(std::unique_ptr<spdlog::formatter> f) override
    {
        for (auto &child : m_children)
            child->set_formatter(f->clone());
        formatter_ = std::move(f);
    }
    void flush_() override
    {
        for (auto &child : m_children)
            child->flush();
    }

private:
    std::vector<std::shared_ptr<spdlog::sinks::sink>> m_children;
    std::string m_pattern;
};

struct State {
    QMutex mutex;
    std::shared_ptr<RedactingSink> root;
    QString filePath;
};

State &state()
{
    static State s;
    return s;
}

spdlog::level::level_enum toLevel(const QString &name)
{
    const QString n = name.trimmed().toLower();
    if (n == QLatin1String("warning"))
        return spdlog::level::warn;
    const auto lvl = spdlog::level::from_str(n.toStdString());
    // from_str maps unknown names to "off"; only accept "off" when asked for.
    if (lvl == spdlog::level::off && n != QLatin1String("off"))
        return spdlog::level::info;
    return lvl;
}

void qtMessageHandler(QtMsgType type, const QMessageLogContext &context, const QString &message)
{
    spdlog::level::level_enum lvl = spdlog::level::info;
    switch (type) {
    case QtDebugMsg:
        lvl = spdlog::level::debug;
        break;
    case QtInfoMsg:
        lvl = spdlog::level::info;
        break;
    case QtWarningMsg:
        lvl = spdlog::level::warn;
        break;
    case QtCriticalMsg:
        lvl = spdlog::level::err;
        break;
    case QtFatalMsg:
        lvl = spdlog::level::critical;
        break;
    }
    const char *category = context.category ? context.category : "qt";
    spdlog::log(lvl, "[{}] {}", category, message.toStdString());
    if (type == QtFatalMsg) {
        spdlog::default_logger()->flush();
        std::abort();
    }
}

} // namespace

bool Logging::isValidLevel(const QString &level)
{
    static const QStringList valid = {QStringLiteral("trace"), QStringLiteral("debug"),
        QStringLiteral("info"), QStringLiteral("warn"), QStringLiteral("warning"), QStringLiteral("error"),
        QStringLiteral("critical"), QStringLiteral("off")};
    return valid.contains(level.trimmed().toLower());
}

QString Logging::resolveLevel(const QString &fromCommandLine, const QString &fromSettings)
{
    if (isValidLevel(fromCommandLine))
        return fromCommandLine.trimmed().toLower();
    const QString env = qEnvironmentVariable(kEnvVar);
    if (isValidLevel(env))
        return env.trimmed().toLower();
    if (isValidLevel(fromSettings))
        return fromSettings.trimmed().toLower();
    return QStringLiteral("info");
}

bool Logging::consoleByDefault()
{
#ifdef NDEBUG
    return false;
#else
    return true;
#endif
}

void Logging::init(const Options &options)
{
    QMutexLocker lock(&state().mutex);
    auto root = std::make_shared<RedactingSink>();
    root->set_level(spdlog::level::trace);
    QString filePath;
    // A data directory the log is the first to need is created owner-only, as the app would.
    if (!options.logDirectory.isEmpty() && !QFileInfo::exists(QFileInfo(options.logDirectory).absolutePath()))
        DataLocation::ensure(QFileInfo(options.logDirectory).absolutePath());
    if (!options.logDirectory.isEmpty() && QDir().mkpath(options.logDirectory)) {
#ifdef Q_OS_UNIX
        QFile::setPermissions(options.logDirectory, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
#endif
        filePath = QDir(options.logDirectory).filePath(QStringLiteral("cairn.log"));
        try {
            auto file = std::make_shared<spdlog::sinks::rotating_file_sink_mt>(filePath.toStdString(),
                static_cast<std::size_t>(options.maxFileBytes), static_cast<std::size_t>(options.maxFiles));
            root->add(file);
#ifdef Q_OS_UNIX
            QFile::setPermissions(filePath, QFile::ReadOwner | QFile::WriteOwner);
#endif
        } catch (const spdlog::spdlog_ex &) {
            filePath.clear(); // e.g. a read-only data directory: keep the console sink only
        }
    }
    if (options.console)
        root->add(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());

    auto logger = std::make_shared<spdlog::logger>("cairn", root);
    logger->set_pattern("%Y-%m-%d %H:%M:%S.%e %^%-5l%$ [%t] %v");
    const QString lvl = options.level.isEmpty() ? resolveLevel({}, {}) : options.level;
    logger->set_level(toLevel(lvl));
    logger->flush_on(spdlog::level::warn);
    spdlog::set_default_logger(logger);
    // Lines below "warn" reach the file within a second, so a killed process keeps its log.
    static std::once_flag flusher;
    std::call_once(flusher, []() { spdlog::flush_every(std::chrono::seconds(1)); });
    state().root = root;
    state().filePath = filePath;
}

void Logging::setLevel(const QString &level)
{
    spdlog::default_logger()->set_level(toLevel(level));
}

QString Logging::level()
{
    const auto sv = spdlog::level::to_string_view(spdlog::default_logger()->level());
    return QString::fromUtf8(sv.data(), static_cast<qsizetype>(sv.size()));
}

void Logging::addSink(const std::shared_ptr<spdlog::sinks::sink> &sink)
{
    QMutexLocker lock(&state().mutex);
    if (!state().root) {
        lock.unlock();
        init({});
        lock.relock();
    }
    state().root->add(sink);
}

void Logging::removeSink(const std::shared_ptr<spdlog::sinks::sink> &sink)
{
    QMutexLocker lock(&state().mutex);
    if (state().root)
        state().root->remove(sink);
}

void Logging::installQtMessageHandler()
{
    qInstallMessageHandler(qtMessageHandler);
}

QString Logging::logFilePath()
{
    QMutexLocker lock(&state().mutex);
    return state().filePath;
}

void Logging::flush()
{
    spdlog::default_logger()->flush();
}

void Logging::shutdown()
{
    qInstallMessageHandler(nullptr);
    flush();
}

} // namespace cairn
