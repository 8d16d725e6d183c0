;; `loop` traps on its second call.
(module
  (global $n (mut i32) (i32.const 0))
  (func (export "loop") (result i32)
    (global.set $n (i32.add (global.get $n) (i32.const 1)))
    (if (i32.eq (global.get $n) (i32.const 2)) (then unreachable))
    (i32.const 0)))
