;; Imports a "tc" function the guest ABI does not have: load must fail with its name.
(module
  (import "tc" "bogus" (func (param i32) (result i32)))
  (func (export "loop") (result i32) (i32.const 0)))
