;; Periodic guest: `start` opens endpoint 1; every `loop` writes its loop counter (i32,
;; little endian) to that handle, then writes the write's own result code to endpoint 2
;; when endpoint 2 can be opened (reconfiguration tests grant/revoke it).
(module
  (import "tc" "open" (func $open (param i32) (result i32)))
  (import "tc" "write" (func $write (param i32 i32 i32) (result i32)))
  (memory (export "memory") 1)
  (global $h (mut i32) (i32.const -1))
  (global $n (mut i32) (i32.const 0))
  (func (export "start") (result i32)
    (global.set $h (call $open (i32.const 1)))
    (i32.const 0))
  (func (export "loop") (result i32)
    (i32.store (i32.const 0) (global.get $n))
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (i32.store (i32.const 4) (call $write (global.get $h) (i32.const 0) (i32.const 4)))
    (i32.const 0))
  (func (export "stop")))
