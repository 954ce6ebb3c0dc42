# One INTERFACE target carries the language standard, warnings and strict Qt macros for all project
# code. Third-party headers are included as system headers, so -Werror applies to our code only.
add_library(cairn_options INTERFACE)
target_compile_features(cairn_options INTERFACE cxx_std_20)
target_compile_definitions(cairn_options INTERFACE
  QT_NO_CAST_FROM_ASCII
  QT_NO_CAST_TO_ASCII
  QT_NO_CAST_FROM_BYTEARRAY
  QT_NO_URL_CAST_FROM_STRING
  QT_NO_NARROWING_CONVERSIONS_IN_CONNECT
  QT_NO_FOREACH
  QT_NO_KEYWORDS
  QT_USE_QSTRINGBUILDER
  QT_STRICT_ITERATORS)
if(MSVC)
  target_compile_options(cairn_options INTERFACE /W4 /permissive- /utf-8)
  if(CAIRN_WERROR)
    target_compile_options(cairn_options INTERFACE /WX)
  endif()
else()
  target_compile_options(cairn_options INTERFACE -Wall -Wextra -Wpedantic -Wshadow
    -Wnon-virtual-dtor -Wcast-align -Woverloaded-virtual -Wformat=2 -Wimplicit-fallthrough)
  if(CAIRN_WERROR)
    target_compile_options(cairn_options INTERFACE -Werror)
  endif()
endif()

# Adds a Qt Test executable and registers it with CTest.
function(cairn_add_test name)
  cmake_parse_arguments(T "GUI" "TIMEOUT" "SOURCES;LIBS" ${ARGN})
  qt_add_executable(${name} ${T_SOURCES})
  target_link_libraries(${name} PRIVATE cairn_options cairn_core Qt6::Test ${T_LIBS})
  set_target_properties(${name} PROPERTIES AUTOMOC ON)
  add_test(NAME ${name} COMMAND ${name})
  if(NOT T_TIMEOUT)
    set(T_TIMEOUT 300)
  endif()
  set(_env "QT_QPA_PLATFORM=offscreen;CAIRN_TEST_ARTIFACTS=${CMAKE_BINARY_DIR}/test-artifacts;CAIRN_CLI=$<TARGET_FILE:cairn-cli>")
  if(TARGET cairn)
    list(APPEND _env "CAIRN_APP=$<TARGET_FILE:cairn>")
  endif()
  set_tests_properties(${name} PROPERTIES TIMEOUT ${T_TIMEOUT} ENVIRONMENT "${_env}")
endfunction()
