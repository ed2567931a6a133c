;; Adam over float32 buffers, four weights per instruction (wasm SIMD). Same update as
;; tf.train.adam: m = b1·m + (1−b1)·g; v = b2·v + (1−b2)·g²; p −= stepSize·m / (sqrt(v·invC2) + eps),
;; with stepSize = lr / (1 − b1^t) and invC2 = 1 / (1 − b2^t) hoisted out of the loop by the caller.
;; The memory is the tfjs wasm backend's heap, so weights and gradients are updated where tfjs keeps
;; them. Offsets are in bytes; n is a multiple of 4.
(module
  (import "env" "memory" (memory 1))
  (func (export "adam")
    (param $p i32) (param $g i32) (param $m i32) (param $v i32) (param $n i32)
    (param $b1 f32) (param $oneMinusB1 f32) (param $b2 f32) (param $oneMinusB2 f32)
    (param $stepSize f32) (param $invC2 f32) (param $eps f32)
    (local $i i32) (local $end i32)
    (local $vb1 v128) (local $vb2 v128) (local $vib1 v128) (local $vib2 v128)
    (local $vstep v128) (local $vic2 v128) (local $veps v128)
    (local $gi v128) (local $mi v128) (local $vi v128)
    (local.set $vb1 (f32x4.splat (local.get $b1)))
    (local.set $vb2 (f32x4.splat (local.get $b2)))
    (local.set $vib1 (f32x4.splat (local.get $oneMinusB1)))
    (local.set $vib2 (f32x4.splat (local.get $oneMinusB2)))
    (local.set $vstep (f32x4.splat (local.get $stepSize)))
    (local.set $vic2 (f32x4.splat (local.get $invC2)))
    (local.set $veps (f32x4.splat (local.get $eps)))
    (local.set $end (i32.shl (local.get $n) (i32.const 2)))
    (block $done
      (loop $next
        (br_if $done (i32.ge_u (local.get $i) (local.get $end)))
        (local.set $gi (v128.load (i32.add (local.get $g) (local.get $i))))
        (local.set $mi
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $m) (local.get $i))) (local.get $vb1))
            (f32x4.mul (local.get $gi) (local.get $vib1))))
        (local.set $vi
          (f32x4.add
            (f32x4.mul (v128.load (i32.add (local.get $v) (local.get $i))) (local.get $vb2))
            (f32x4.mul (f32x4.mul (local.get $gi) (local.get $gi)) (local.get $vib2))))
        (v128.store (i32.add (local.get $m) (local.get $i)) (local.get $mi))
        (v128.store (i32.add (local.get $v) (local.get $i)) (local.get $vi))
        (v128.store (i32.add (local.get $p) (local.get $i))
          (f32x4.sub
            (v128.load (i32.add (local.get $p) (local.get $i)))
            (f32x4.div
              (f32x4.mul (local.get $vstep) (local.get $mi))
              (f32x4.add (f32x4.sqrt (f32x4.mul (local.get $vi) (local.get $vic2))) (local.get $veps)))))
        (local.set $i (i32.add (local.get $i) (i32.const 16)))
        (br $next)))))
