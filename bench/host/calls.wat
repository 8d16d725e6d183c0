;; Endpoint call round trip: `calls(h, n)` does n tc.write(h, 0, 4) calls; `empty(n)` is
;; the same loop without the call (the baseline subtracted in the report).
(module
  (import "tc" "open" (func $open (param i32) (result i32)))
  (import "tc" "write" (func $write (param i32 i32 i32) (result i32)))
  (memory 1)
  (func (export "open1") (result i32) (call $open (i32.const 1)))
  (func (export "calls") (param $h i32) (param $n i32) (result i32) (local $acc i32)
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (call $write (local.get $h) (i32.const 0) (i32.const 4))))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc))
  (func (export "empty") (param $h i32) (param $n i32) (result i32) (local $acc i32)
    (block $out
      (loop $l
        (br_if $out (i32.eqz (local.get $n)))
        (local.set $acc (i32.add (local.get $acc) (local.get $h)))
        (local.set $n (i32.sub (local.get $n) (i32.const 1)))
        (br $l)))
    (local.get $acc)))
