#include "cli/CliApp.h"
#include "common/ProcessHardening.h"

#include <QCoreApplication>

int main(int argc, char *argv[])
{
    cairn::ProcessHardening::apply();
    QCoreApplication app(argc, argv);
    return cairn::CliApp::run(app.arguments());
}
