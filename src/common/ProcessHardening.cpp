#include "common/ProcessHardening.h"

#include <QtGlobal>

#ifdef Q_OS_UNIX
#include <sys/resource.h>
#endif
#ifdef Q_OS_LINUX
#include <sys/prctl.h>
#endif

namespace cairn {

void ProcessHardening::apply()
{
    // Developers debugging a live process set CAIRN_DEBUG_ALLOW_PTRACE=1 (core dumps stay off).
    const bool allowPtrace = qEnvironmentVariableIntValue("CAIRN_DEBUG_ALLOW_PTRACE") == 1;
#ifdef Q_OS_UNIX
    const rlimit none {0, 0};
    setrlimit(RLIMIT_CORE, &none);
#endif
#ifdef Q_OS_LINUX
    if (!allowPtrace)
        prctl(PR_SET_DUMPABLE, 0, 0, 0, 0);
#else
    Q_UNUSED(allowPtrace);
#endif
}

bool ProcessHardening::coreDumpsDisabled()
{
#ifdef Q_OS_UNIX
    rlimit current {};
    if (getrlimit(RLIMIT_CORE, &current) != 0 || current.rlim_cur != 0)
        return false;
#endif
#ifdef Q_OS_LINUX
    if (prctl(PR_GET_DUMPABLE, 0, 0, 0, 0) != 0)
        return false;
#endif
    return true;
}

} // namespace cairn
