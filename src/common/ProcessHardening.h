#pragma once

namespace cairn {

// Keeps secrets out of crash output: no core dumps (they would hold the database key and
// passphrases from memory) and, on Linux, no ptrace attach or /proc memory reads by other
// processes of the same user. Called first thing in main() of the app and the CLI.
class ProcessHardening
{
public:
    static void apply();
    // True when core dumps are off for this process.
    static bool coreDumpsDisabled();
};

} // namespace cairn
