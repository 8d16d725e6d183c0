# tc_link_dependency(TARGET ARCHIVE FALLBACK [INCLUDE_DIR...])
# Links the static archive ARCHIVE (e.g. libsodium.a) privately into TARGET when
# TC_STATIC_DEPS is on and the archive exists, otherwise the FALLBACK target (usually the
# pkg-config imported target of the shared library). Every shared library the CLI loads
# costs the dynamic linker time at each sandbox start (docs/BENCHMARKS.md "Sandbox start-up").
function(tc_link_dependency target archive fallback)
  string(MAKE_C_IDENTIFIER "TC_ARCHIVE_${archive}" var)
  find_library(${var} NAMES ${archive})
  if(TC_STATIC_DEPS AND ${var})
    if(ARGN)
      target_include_directories(${target} PRIVATE ${ARGN})
    endif()
    target_link_libraries(${target} PRIVATE ${${var}})
  else()
    target_link_libraries(${target} PRIVATE ${fallback})
  endif()
endfunction()
