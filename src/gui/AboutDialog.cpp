#include "gui/AboutDialog.h"

#include "common/Versions.h"
#include "gui/GuiStyle.h"

#include <QApplication>
#include <QClipboard>
#include <QDialogButtonBox>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QPushButton>
#include <QVBoxLayout>

namespace cairn {

namespace {
struct Component {
    QString name;
    QString version;
};

QList<Component> components()
{
    return {{AboutDialog::tr("Qt"), Versions::qt()},
        {AboutDialog::tr("SQLCipher"),
            AboutDialog::tr("%1 (SQLite %2)").arg(Versions::sqlcipher(), Versions::sqlite())},
        {AboutDialog::tr("QtKeychain"), Versions::qtkeychain()},
        {AboutDialog::tr("spdlog"), Versions::spdlog()}};
}
} // namespace

AboutDialog::AboutDialog(QWidget *parent) : QDialog(parent)
{
    setWindowTitle(tr("About Cairn"));
    setObjectName(QStringLiteral("aboutDialog"));

    auto *icon = new QLabel(this);
    icon->setPixmap(GuiStyle::icon(QStringLiteral("cairn")).pixmap(QSize(96, 96), devicePixelRatioF()));
    icon->setAlignment(Qt::AlignTop | Qt::AlignHCenter);
    icon->setAccessibleName(tr("Cairn icon"));

    auto *name = GuiStyle::heading(tr("Cairn"), this, 2.0);
    auto *version = new QLabel(tr("Version %1").arg(Versions::app()), this);
    version->setObjectName(QStringLiteral("version"));
    version->setTextInteractionFlags(Qt::TextSelectableByMouse);
    auto *description
        = new QLabel(tr("A private, native desktop client for chatting with language models and "
                        "managing knowledge offline. Everything Cairn stores stays on this computer, "
                        "in an encrypted database."),
            this);
    description->setWordWrap(true);

    auto *grid = new QGridLayout;
    grid->setHorizontalSpacing(18);
    grid->setVerticalSpacing(4);
    grid->addWidget(GuiStyle::heading(tr("Built with"), this, 1.0), 0, 0, 1, 2);
    int row = 1;
    const QList<Component> list = components();
    for (const Component &c : list) {
        auto *value = new QLabel(c.version, this);
        value->setObjectName(QStringLiteral("version-") + c.name.toLower());
        value->setTextInteractionFlags(Qt::TextSelectableByMouse);
        value->setAccessibleName(c.name);
        grid->addWidget(new QLabel(c.name, this), row, 0);
        grid->addWidget(value, row, 1);
        ++row;
    }
    grid->setColumnStretch(1, 1);

    auto *text = new QVBoxLayout;
    text->setSpacing(6);
    text->addWidget(name);
    text->addWidget(version);
    text->addSpacing(6);
    text->addWidget(description);
    text->addSpacing(10);
    text->addLayout(grid);

    auto *top = new QHBoxLayout;
    top->setSpacing(20);
    top->addWidget(icon, 0, Qt::AlignTop);
    top->addLayout(text, 1);

    auto *buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    QPushButton *copy = buttons->addButton(tr("&Copy Version Info"), QDialogButtonBox::ActionRole);
    connect(
        copy, &QPushButton::clicked, this, []() { QApplication::clipboard()->setText(Versions::summary()); });
    connect(buttons, &QDialogButtonBox::rejected, this, &AboutDialog::reject);

    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(24, 24, 24, 16);
    layout->setSpacing(16);
    layout->addLayout(top);
    layout->addWidget(buttons);
    setMinimumWidth(500);
}

QString AboutDialog::componentsText() const
{
    QStringList lines;
    const QList<Component> list = components();
    for (const Component &c : list)
        lines << c.name + QLatin1Char(' ') + c.version;
    return lines.join(QLatin1Char('\n'));
}

} // namespace cairn
