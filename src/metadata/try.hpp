// tinycontainer — TC_TRY: unwrap a Result or return its error (metadata layer only).
//
// Contract: `TC_TRY(x, expr);` declares `x` as the Result of `expr` and returns
// std::unexpected(x.error()) from the enclosing function when it holds an error.
#pragma once

#define TC_TRY(var, expr) \
  auto var = (expr);      \
  if (!var) return std::unexpected(var.error())
