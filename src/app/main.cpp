// The Cairn desktop application. GuiApp does the rest: command line (--help and --version need no
// display), data directory, logging, settings, translations, unlocking the database, main window.
#include "common/ProcessHardening.h"
#include "gui/GuiApp.h"
#include "storage/sqlcipher/SqlCipherDriver.h"

int main(int argc, char *argv[])
{
    cairn::ProcessHardening::apply();
    cairn::SqlCipherDriver::registerDriver();
    return cairn::GuiApp::run(argc, argv);
}
