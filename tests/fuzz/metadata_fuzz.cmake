# Metadata fuzz targets (included from tests/unit/metadata/CMakeLists.txt so that this
# area needs no edit of shared CMake files).
#  * Always: metadata_<t>_replay = the fuzz target + a plain main that replays the committed
#    corpus and regressions (tests/fuzz/metadata_corpus/<t>), registered in ctest with
#    LABELS unit (so it also runs under ASan/UBSan in `make test`).
#  * With -DTC_METADATA_LIBFUZZER=ON and clang: metadata_<t>_fuzz libFuzzer binaries and
#    metadata_make_corpus. Use tests/fuzz/metadata_fuzz.sh, which sets the flags (see
#    docs/METADATA.md "Fuzzing" for the clang 14 / libstdc++ 12 std::expected workaround).
set(TC_METADATA_FUZZ_DIR ${PROJECT_SOURCE_DIR}/tests/fuzz)
option(TC_METADATA_LIBFUZZER "Build the metadata libFuzzer targets (clang only)" OFF)

foreach(target json cbor cose)
  add_executable(metadata_${target}_replay
    ${TC_METADATA_FUZZ_DIR}/metadata_${target}_fuzz.cpp
    ${TC_METADATA_FUZZ_DIR}/metadata_replay_main.cpp)
  target_link_libraries(metadata_${target}_replay PRIVATE tc_metadata)
  add_test(NAME unit.metadata_fuzz_replay.${target}
           COMMAND metadata_${target}_replay ${TC_METADATA_FUZZ_DIR}/metadata_corpus/${target})
  set_tests_properties(unit.metadata_fuzz_replay.${target} PROPERTIES LABELS unit TIMEOUT 60)
endforeach()

if(TC_METADATA_LIBFUZZER)
  if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
    message(FATAL_ERROR "TC_METADATA_LIBFUZZER needs clang (libFuzzer)")
  endif()
  foreach(target json cbor cose)
    add_executable(metadata_${target}_fuzz ${TC_METADATA_FUZZ_DIR}/metadata_${target}_fuzz.cpp)
    target_link_libraries(metadata_${target}_fuzz PRIVATE tc_metadata)
    target_link_options(metadata_${target}_fuzz PRIVATE -fsanitize=fuzzer)
  endforeach()
  add_executable(metadata_make_corpus ${TC_METADATA_FUZZ_DIR}/metadata_make_corpus.cpp)
  target_link_libraries(metadata_make_corpus PRIVATE tc_metadata)
endif()
