# Use ccache when it is installed (keeps rebuilds on a 2-core machine short).
find_program(CAIRN_CCACHE ccache)
if(CAIRN_CCACHE AND NOT CMAKE_CXX_COMPILER_LAUNCHER)
  set(CMAKE_C_COMPILER_LAUNCHER "${CAIRN_CCACHE}")
  set(CMAKE_CXX_COMPILER_LAUNCHER "${CAIRN_CCACHE}")
  message(STATUS "Cairn: using ccache (${CAIRN_CCACHE})")
endif()
