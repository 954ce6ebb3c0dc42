#pragma once

#include <QString>

namespace cairn {

// Versions of Cairn and the libraries it runs on, for About, --version and bug reports.
struct Versions {
    static QString app();
    static QString qt(); // run-time Qt
    static QString sqlcipher(); // PRAGMA cipher_version, e.g. "4.6.1 community"
    static QString sqlite(); // the SQLite baseline of SQLCipher
    static QString qtkeychain();
    static QString spdlog();
    // One line per component, "name version".
    static QString summary();
};

} // namespace cairn
