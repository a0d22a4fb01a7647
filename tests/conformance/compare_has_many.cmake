# Runs a conformance program against one dialect and requires its data lines (every line before
# the `SQL` line) to equal those of Sequelize's recorded output byte for byte, after replacing
# every ISO-8601 timestamp of the program's output with <timestamp> (the reference has them so
# already). DROP_LABELS names the reference's lines (`LABEL <JSON>`) the port leaves out, comma
# separated; each must occur in the reference, so that a misspelt label fails instead of
# silently keeping its line. The SQL sections are not compared.
#   cmake -DDIALECT=sqlite -DPROGRAM=… -DREFERENCE=… [-DDROP_LABELS=TAGS,ADD_TAGS,…]
#         -P compare_has_many.cmake
# The server dialects use the conformance tests' `seed` database, as compare_seed.cmake does.
cmake_minimum_required(VERSION 3.25)  # the project's policies (a script sets none otherwise)
if(DIALECT STREQUAL "sqlite")
  set(url "sqlite::memory:")
elseif(DIALECT STREQUAL "postgres")
  set(url "$ENV{SEQUELIZE_TEST_POSTGRES_SEED_URL}")
elseif(DIALECT STREQUAL "mariadb")
  set(url "$ENV{SEQUELIZE_TEST_MARIADB_SEED_URL}")
else()
  message(FATAL_ERROR "unknown dialect ${DIALECT}")
endif()
if(url STREQUAL "")
  if(DEFINED ENV{CI} AND NOT "$ENV{CI}" STREQUAL "" AND NOT "$ENV{CI}" STREQUAL "false")
    message(FATAL_ERROR "No ${DIALECT} server: run the tests through scripts/test.sh (CI must not skip)")
  endif()
  message("SKIPPED: no ${DIALECT} server URL in the environment")
  return()
endif()
get_filename_component(program_name "${PROGRAM}" NAME_WE)

# The lines of `text` before its `SQL` line (all of them when there is none), each ending in a
# newline. Found as text, never split into a CMake list: the JSON's brackets and semicolons
# would change how a list splits.
function(data_lines text out)
  string(FIND "\n${text}" "\nSQL\n" at)
  if(NOT at EQUAL -1)
    string(SUBSTRING "${text}" 0 ${at} text)
  endif()
  set(${out} "${text}" PARENT_SCOPE)
endfunction()

execute_process(COMMAND "${PROGRAM}" "${url}"
  OUTPUT_VARIABLE actual ERROR_VARIABLE errors RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${program_name} exited with ${rc}:\n${errors}")
endif()
string(REGEX REPLACE "[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]T[0-9][0-9]:[0-9][0-9]:[0-9][0-9]\\.[0-9][0-9][0-9]Z"
  "<timestamp>" actual "${actual}")
data_lines("${actual}" actual)

file(READ "${REFERENCE}" expected)
data_lines("${expected}" expected)
# A leading newline lets every line, the first included, be matched as "\nLABEL …"; the line and
# the newline before it go, the one after it stays as the end of the line before.
set(expected "\n${expected}")
string(REPLACE "," ";" drop_labels "${DROP_LABELS}")
foreach(label IN LISTS drop_labels)
  if(NOT label MATCHES "^[A-Za-z0-9_]+$")
    message(FATAL_ERROR "DROP_LABELS: \"${label}\" is not a label (letters, digits, _)")
  endif()
  # The space after the label keeps SET_TAGS from matching the start of SET_TAGS_AGAIN.
  string(REGEX REPLACE "\n${label} [^\n]*" "" kept "${expected}")
  string(REGEX REPLACE "\n${label}(\n|$)" "\\1" kept "${kept}")
  if(kept STREQUAL expected)
    message(FATAL_ERROR "DROP_LABELS: no line labelled ${label} in ${REFERENCE}")
  endif()
  set(expected "${kept}")
endforeach()
string(SUBSTRING "${expected}" 1 -1 expected)

if(NOT actual STREQUAL expected)
  get_filename_component(name "${REFERENCE}" NAME)
  set(actual_file "${CMAKE_CURRENT_BINARY_DIR}/actual-${name}")
  set(expected_file "${CMAKE_CURRENT_BINARY_DIR}/expected-${name}")
  file(WRITE "${actual_file}" "${actual}")
  file(WRITE "${expected_file}" "${expected}")
  # The first line that differs, by number, with both versions (lines are found as text, as
  # above).
  set(line 1)
  set(rest_expected "${expected}")
  set(rest_actual "${actual}")
  while(TRUE)
    string(FIND "${rest_expected}" "\n" end_expected)
    string(FIND "${rest_actual}" "\n" end_actual)
    string(SUBSTRING "${rest_expected}" 0 ${end_expected} line_expected)
    string(SUBSTRING "${rest_actual}" 0 ${end_actual} line_actual)
    if(end_expected EQUAL -1)
      set(line_expected "(end of the reference's data lines)")
    endif()
    if(end_actual EQUAL -1)
      set(line_actual "(end of the program's data lines)")
    endif()
    if(NOT line_expected STREQUAL line_actual OR end_expected EQUAL -1 OR end_actual EQUAL -1)
      break()
    endif()
    math(EXPR end_expected "${end_expected} + 1")
    math(EXPR end_actual "${end_actual} + 1")
    string(SUBSTRING "${rest_expected}" ${end_expected} -1 rest_expected)
    string(SUBSTRING "${rest_actual}" ${end_actual} -1 rest_actual)
    math(EXPR line "${line} + 1")
  endwhile()
  find_program(diff_program diff)
  if(diff_program)
    execute_process(COMMAND "${diff_program}" -u "${expected_file}" "${actual_file}")
  endif()
  message(FATAL_ERROR "${program_name} output on ${DIALECT} differs from ${REFERENCE} "
    "(data lines; expected: ${expected_file}, actual: ${actual_file}). First difference, "
    "data line ${line} (-: reference, +: program):\n - ${line_expected}\n + ${line_actual}")
endif()
message(STATUS "${program_name} data lines on ${DIALECT} are identical to ${REFERENCE}")
