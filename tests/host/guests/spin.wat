;; Periodic guest whose every `loop` burns `iterations` (a global, 0 = forever) before it
;; reports its completed loop count to endpoint 1 (opened lazily) and returns 0.
(module
  (import "tc" "open" (func $open (param i32) (result i32)))
  (import "tc" "write" (func $write (param i32 i32 i32) (result i32)))
  (memory 1)
  (global $h (mut i32) (i32.const -1))
  (global $done (mut i32) (i32.const 0))
  (global $iterations (export "iterations") (mut i32) (i32.const 0))
  (func (export "loop") (result i32) (local $i i32)
    (block $out
      (loop $burn
        (local.set $i (i32.add (local.get $i) (i32.const 1)))
        (br_if $out (i32.and (i32.ne (global.get $iterations) (i32.const 0))
                             (i32.ge_u (local.get $i) (global.get $iterations))))
        (br $burn)))
    (if (i32.lt_s (global.get $h) (i32.const 0))
      (then (global.set $h (call $open (i32.const 1)))))
    (global.set $done (i32.add (global.get $done) (i32.const 1)))
    (i32.store (i32.const 0) (global.get $done))
    (drop (call $write (global.get $h) (i32.const 0) (i32.const 4)))
    (i32.const 0))
  (func (export "stop")
    (if (i32.lt_s (global.get $h) (i32.const 0))
      (then (global.set $h (call $open (i32.const 1)))))
    (i32.store (i32.const 0) (i32.const -100))
    (drop (call $write (global.get $h) (i32.const 0) (i32.const 4)))))
