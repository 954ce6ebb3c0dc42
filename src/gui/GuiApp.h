#pragma once

#include <QCoreApplication>

class QCommandLineParser;

namespace cairn {

// Start-up of the desktop application: command line, data directory, logging, settings,
// translations, unlocking the database and the main window.
// --help and --version are answered without a display (no QApplication is created for them).
class GuiApp
{
    Q_DECLARE_TR_FUNCTIONS(cairn::GuiApp)

public:
    static int run(int argc, char *argv[]);

    // Installs Cairn's embedded translation for the system locale (and Qt's own, when present).
    static void installTranslations(QCoreApplication &app);

private:
    static bool wantsConsoleOnly(int argc, char *argv[]);
    static int runConsole(int argc, char *argv[]);
    static int runGui(int argc, char *argv[]);
    static void setUpParser(QCommandLineParser &parser);
    static void setApplicationInfo();
};

} // namespace cairn
