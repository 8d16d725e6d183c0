// Keeps the static initialiser of <iostream> out of the translation unit that includes this
// header first (the `tinycontainer` executable is one unity translation unit).
//
// Why: with libstdc++ 12 every translation unit that includes <iostream> — CLI11's App.hpp
// does — constructs a static std::ios_base::Init, which builds the eight standard stream
// objects and the classic locale with all its facets before main: ~75 µs of every sandbox
// start on the CI machine (docs/SANDBOX.md "Start-up cost"), for streams the CLI never uses
// (it prints with stdio and fmt).
//
// Contract: include it before any standard header. It declares the standard streams as
// <iostream> does and marks <iostream> as included, without the static initialiser; so
// nothing in this program may use std::cin/cout/cerr/clog (they are not constructed).
// The CLI honours that: CLI11's help and version texts go through string streams
// (cli_main.cpp); tests/integration/cli_layout_test.cpp checks that the executable has
// no std::ios_base::Init. Any other standard library (or libstdc++ 13+, which constructs
// the streams inside the library) keeps the ordinary <iostream>.
#pragma once

#include <istream>
#include <ostream>

#if defined(__GLIBCXX__) && !defined(_GLIBCXX_IOSTREAM) && __GNUC__ < 13
#define _GLIBCXX_IOSTREAM 1
namespace std {  // NOLINT(cert-dcl58-cpp): the declarations <iostream> itself makes
extern istream cin;
extern ostream cout;
extern ostream cerr;
extern ostream clog;
extern wistream wcin;
extern wostream wcout;
extern wostream wcerr;
extern wostream wclog;
}  // namespace std
#endif
