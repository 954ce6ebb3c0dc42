#include "gui/GuiApp.h"

#include "common/DataLocation.h"
#include "common/Logging.h"
#include "common/QuitOnSignal.h"
#include "common/Versions.h"
#include "gui/GuiStyle.h"
#include "gui/MainWindow.h"
#include "gui/UnlockFlow.h"
#include "llm/LlmClient.h"
#include "secrets/KeychainSecretStore.h"
#include "storage/Vault.h"
#include "storage/sqlcipher/SqlCipherDriver.h"
#include "storage/sqlcipher/SqlCipherLog.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QLibraryInfo>
#include <QLocale>
#include <QMessageBox>
#include <QSettings>
#include <QThreadPool>
#include <QTranslator>

#include <spdlog/spdlog.h>

#include <cstdio>
#include <cstring>

namespace cairn {

namespace {
const QCommandLineOption &dataDirOption()
{
    static const QCommandLineOption o(QStringLiteral("data-dir"),
        GuiApp::tr("Keep the database, settings and logs in <dir> (default: $%1 or the "
                   "platform's application data folder).")
            .arg(QLatin1String(DataLocation::kEnvVar)),
        GuiApp::tr("dir"));
    return o;
}

const QCommandLineOption &logLevelOption()
{
    static const QCommandLineOption o(QStringLiteral("log-level"),
        GuiApp::tr("Log level: trace, debug, info, warn, error, critical or off "
                   "(default: $%1, the saved setting, or info).")
            .arg(QLatin1String(Logging::kEnvVar)),
        GuiApp::tr("level"));
    return o;
}

const QCommandLineOption &versionOption()
{
    static const QCommandLineOption o({QStringLiteral("v"), QStringLiteral("version")},
        GuiApp::tr("Show the versions of Cairn and its libraries."));
    return o;
}

const QCommandLineOption &helpOption()
{
    static const QCommandLineOption o(
        {QStringLiteral("h"), QStringLiteral("help")}, GuiApp::tr("Show this help."));
    return o;
}
} // namespace

int GuiApp::run(int argc, char *argv[])
{
    SqlCipherDriver::registerDriver(); // idempotent; main() already did it before anything else
    if (wantsConsoleOnly(argc, argv))
        return runConsole(argc, argv);
    return runGui(argc, argv);
}

bool GuiApp::wantsConsoleOnly(int argc, char *argv[])
{
    for (int i = 1; i < argc; ++i) {
        const char *a = argv[i];
        if (std::strcmp(a, "--") == 0)
            break;
        for (const char *flag : {"-h", "--help", "-help", "--help-all", "-v", "--version", "-version", "-?"})
            if (std::strcmp(a, flag) == 0)
                return true;
    }
    return false;
}

void GuiApp::setApplicationInfo()
{
    QCoreApplication::setApplicationName(QStringLiteral("Cairn"));
    QCoreApplication::setOrganizationName(QStringLiteral("Cairn"));
    QCoreApplication::setApplicationVersion(Versions::app());
}

void GuiApp::setUpParser(QCommandLineParser &parser)
{
    parser.setApplicationDescription(
        tr("Cairn: a private, native desktop client for chatting with language models and managing "
           "knowledge offline."));
    parser.addOption(helpOption());
    parser.addOption(versionOption());
    parser.addOption(dataDirOption());
    parser.addOption(logLevelOption());
}

void GuiApp::installTranslations(QCoreApplication &app)
{
    const QLocale locale;
    auto *cairn = new QTranslator(&app);
    if (cairn->load(
            locale, QStringLiteral("cairn"), QStringLiteral("_"), QStringLiteral(":/cairn/translations")))
        QCoreApplication::installTranslator(cairn);
    else
        delete cairn;
    auto *qt = new QTranslator(&app);
    if (qt->load(locale, QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
}

int GuiApp::runConsole(int argc, char *argv[])
{
    QCoreApplication app(argc, argv);
    setApplicationInfo();
    installTranslations(app);
    QCommandLineParser parser;
    setUpParser(parser);
    if (!parser.parse(app.arguments())) {
        std::fprintf(stderr, "%s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(helpOption())) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    std::fputs(qPrintable(Versions::summary() + QLatin1Char('\n')), stdout);
    return 0;
}

int GuiApp::runGui(int argc, char *argv[])
{
    QApplication app(argc, argv);
    setApplicationInfo();
    QGuiApplication::setApplicationDisplayName(QStringLiteral("Cairn"));
    QGuiApplication::setDesktopFileName(QStringLiteral("cairn"));
    QApplication::setWindowIcon(GuiStyle::icon(QStringLiteral("cairn")));
    installTranslations(app);
    llm::LlmClient::useSystemProxy();

    QCommandLineParser parser;
    setUpParser(parser);
    parser.process(app);

    const QString dataDir = DataLocation::ensure(DataLocation::resolve(parser.value(dataDirOption())));
    if (dataDir.isEmpty()) {
        QMessageBox::critical(nullptr, tr("Cairn"),
            tr("Cairn cannot create its data directory %1.")
                .arg(DataLocation::resolve(parser.value(dataDirOption()))));
        return 1;
    }
    QSettings settings(DataLocation::settingsPath(dataDir), QSettings::IniFormat);
    const QString cliLevel = parser.value(logLevelOption());
    if (!cliLevel.isEmpty() && !Logging::isValidLevel(cliLevel)) {
        std::fprintf(stderr, "%s\n", qPrintable(tr("Unknown log level: %1").arg(cliLevel)));
        return 2;
    }
    Logging::init({DataLocation::logDirectory(dataDir),
        Logging::resolveLevel(cliLevel, settings.value(QStringLiteral("log/level")).toString()),
        Logging::consoleByDefault()});
    Logging::installQtMessageHandler();
    QuitOnSignal::install();
    spdlog::info(
        "Cairn {} starting; data directory {}", Versions::app().toStdString(), dataDir.toStdString());

    int exitCode = 0;
    {
        KeychainSecretStore secrets;
        std::unique_ptr<MainWindow> window;
        UnlockFlow flow(dataDir, &secrets);
        // Dialogs come and go while unlocking; only the main window's closing ends the app.
        QApplication::setQuitOnLastWindowClosed(false);
        QObject::connect(&flow, &UnlockFlow::unlocked, &app, [&](const std::shared_ptr<Database> &db) {
            window = std::make_unique<MainWindow>(db, Vault(dataDir, &secrets), &secrets, &settings);
            window->show();
            window->probeLocalServersOnce();
            spdlog::info("database unlocked; main window shown");
            QApplication::setQuitOnLastWindowClosed(true);
        });
        QObject::connect(&flow, &UnlockFlow::cancelled, &app, []() { QCoreApplication::exit(0); });
        QObject::connect(&flow, &UnlockFlow::failed, &app, []() { QCoreApplication::exit(1); });
        flow.start();
        exitCode = QApplication::exec();
        if (window)
            window->saveSettings();
        window.reset();
        // Workers may still hold the database or the secret store; let them finish first.
        QThreadPool::globalInstance()->waitForDone();
    }
    spdlog::info("Cairn exiting with code {}", exitCode);
    SqlCipherLog::shutdown();
    Logging::shutdown();
    return exitCode;
}

} // namespace cairn
