;; Host-function binding test module (bytes in host.wasm.inc).
(module
  (import "env" "add" (func $add (param i32 i32) (result i32)))
  (import "env" "poke" (func $poke (param i32)))
  (import "env" "exit" (func $exit (param i32)))
  (memory (export "mem") 1)
  (func (export "call_add") (param i32 i32) (result i32)
    (call $add (local.get 0) (local.get 1)))
  (func (export "poke") (param i32) (result i32)
    (call $poke (local.get 0))
    (i32.load (i32.const 8)))
  (func (export "exit") (call $exit (i32.const 7)) unreachable)
  (func (export "loop_add") (param i32) (result i32) (local i32)
    (loop $l
      (local.set 1 (call $add (local.get 1) (i32.const 1)))
      (br_if $l (i32.lt_u (local.get 1) (local.get 0))))
    (local.get 1)))
