;; An empty `loop` with one page of linear memory (subtracted in the memory figure).
(module
  (memory 1)
  (func (export "loop") (result i32) (i32.const 0)))
