# Warnings (errors in CI) and sanitizers, applied to every target of the project.
add_library(sequelize_build_flags INTERFACE)
target_compile_options(sequelize_build_flags INTERFACE
  -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wsign-conversion -Wnon-virtual-dtor
  -Woverloaded-virtual -Wimplicit-fallthrough
  # g++ 12 warns about every member a designated initialiser leaves out: that is the point of them
  -Wno-missing-field-initializers)
if(CMAKE_CXX_COMPILER_ID STREQUAL "GNU" AND CMAKE_CXX_COMPILER_VERSION VERSION_LESS 13)
  # g++ 12 at -O3 reports impossible overlaps inside libstdc++'s `"text" + std::string`
  # (GCC bug 105329); the Release build of tests and benchmark would fail on them.
  target_compile_options(sequelize_build_flags INTERFACE -Wno-restrict)
endif()
if(SEQUELIZE_WERROR)
  target_compile_options(sequelize_build_flags INTERFACE -Werror)
endif()
if(SEQUELIZE_SANITIZE)
  target_compile_options(sequelize_build_flags INTERFACE
    -fsanitize=address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(sequelize_build_flags INTERFACE -fsanitize=address,undefined)
endif()
if(SEQUELIZE_TSAN)
  # ThreadSanitizer for the threaded tests (scripts/test.sh builds only threaded_tests with it).
  target_compile_options(sequelize_build_flags INTERFACE -fsanitize=thread -fno-omit-frame-pointer)
  target_link_options(sequelize_build_flags INTERFACE -fsanitize=thread)
endif()
if(SEQUELIZE_BUILD_FUZZERS)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "SEQUELIZE_BUILD_FUZZERS needs clang++ (libFuzzer)")
  endif()
  # Coverage for the whole library, sanitizers everywhere; the targets add -fsanitize=fuzzer.
  # Every UndefinedBehaviorSanitizer check is fatal (as in SEQUELIZE_SANITIZE): by default UBSan
  # prints its report and carries on, so libFuzzer neither stops nor saves the input, and the
  # run passes. Fatal, the report ends in libFuzzer's crash handler, which writes the input to
  # the artifact folder and exits non-zero.
  target_compile_options(sequelize_build_flags INTERFACE
    -fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=all -fno-omit-frame-pointer)
  target_link_options(sequelize_build_flags INTERFACE -fsanitize=address,undefined)
endif()
