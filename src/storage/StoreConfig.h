#pragma once

#include "common/Result.h"

#include <QString>

namespace cairn {

enum class KeyMode { Keychain, Passphrase };

QString keyModeName(KeyMode mode);

// Non-secret facts about the database that must be known before it can be opened: which key mode
// it uses, the keychain entry that holds its key, and a re-key in progress (so a crash between the
// re-key and this file's update never locks the user out). Kept as store.json beside the database
// and written atomically.
struct StoreConfig {
    int format = 1;
    KeyMode mode = KeyMode::Keychain;
    QString keychainEntry; // in keychain mode
    bool rekeyPending = false; // a re-key started and may or may not have committed
    KeyMode pendingMode = KeyMode::Keychain;
    QString pendingKeychainEntry;

    static QString pathFor(const QString &dataDir);
    static Result<StoreConfig> load(const QString &dataDir);
    Result<void> save(const QString &dataDir) const;
};

} // namespace cairn
