;; The 10-wide output layer of the 784-U-10 MLP for one batch, four batch rows per instruction (wasm
;; SIMD), on buffers in the tfjs wasm backend's heap, so nothing is copied in or out per step. Softmax
;; and the loss stay in JS (wasm has no exp; they are B×10 values).
;; Layouts: hT is U×B (one hidden unit's B values contiguous, what W1ᵀ·xᵀ yields), w2 is U×10 (tfjs's
;; kernel layout), lT is 10×B. Offsets are in bytes; B is a multiple of 4, U ≥ 1.
(module
  (import "env" "memory" (memory 1))

  (func $hsum (param $x v128) (result f32)
    (f32.add
      (f32.add (f32x4.extract_lane 0 (local.get $x)) (f32x4.extract_lane 1 (local.get $x)))
      (f32.add (f32x4.extract_lane 2 (local.get $x)) (f32x4.extract_lane 3 (local.get $x)))))

  ;; hT ← relu(hT + b1) in place; lT ← b2 + W2ᵀ·h (the logits, transposed).
  (func (export "forward")
    (param $hT i32) (param $b1 i32) (param $w2 i32) (param $b2 i32) (param $lT i32)
    (param $units i32) (param $batch i32)
    (local $rowBytes i32) (local $u i32) (local $c i32) (local $r i32)
    (local $hRow i32) (local $lRow i32) (local $bias v128) (local $w v128)
    (local.set $rowBytes (i32.shl (local.get $batch) (i32.const 2)))
    (loop $cls
      (local.set $bias (v128.load32_splat (i32.add (local.get $b2) (i32.shl (local.get $c) (i32.const 2)))))
      (local.set $lRow (i32.add (local.get $lT) (i32.mul (local.get $c) (local.get $rowBytes))))
      (local.set $r (i32.const 0))
      (loop $rows
        (v128.store (i32.add (local.get $lRow) (local.get $r)) (local.get $bias))
        (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 16))) (local.get $rowBytes))))
      (br_if $cls (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 10))))
    (loop $unit
      (local.set $hRow (i32.add (local.get $hT) (i32.mul (local.get $u) (local.get $rowBytes))))
      (local.set $bias (v128.load32_splat (i32.add (local.get $b1) (i32.shl (local.get $u) (i32.const 2)))))
      (local.set $r (i32.const 0))
      (loop $rows
        (v128.store (i32.add (local.get $hRow) (local.get $r))
          (f32x4.max
            (f32x4.add (v128.load (i32.add (local.get $hRow) (local.get $r))) (local.get $bias))
            (v128.const f32x4 0 0 0 0)))
        (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 16))) (local.get $rowBytes))))
      (local.set $c (i32.const 0))
      (loop $cls
        (local.set $w (v128.load32_splat
          (i32.add (local.get $w2) (i32.shl (i32.add (i32.mul (local.get $u) (i32.const 10)) (local.get $c)) (i32.const 2)))))
        (local.set $lRow (i32.add (local.get $lT) (i32.mul (local.get $c) (local.get $rowBytes))))
        (local.set $r (i32.const 0))
        (loop $rows
          (v128.store (i32.add (local.get $lRow) (local.get $r))
            (f32x4.add
              (v128.load (i32.add (local.get $lRow) (local.get $r)))
              (f32x4.mul (local.get $w) (v128.load (i32.add (local.get $hRow) (local.get $r))))))
          (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 16))) (local.get $rowBytes))))
        (br_if $cls (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 10))))
      (br_if $unit (i32.lt_u (local.tee $u (i32.add (local.get $u) (i32.const 1))) (local.get $units)))))

  ;; With dL = ∂loss/∂logits in lT (10×B) and h = relu output in hT:
  ;; dz1T ← (W2·dL) ⊙ [h > 0] (U×B), gb1 ← Σ_rows dz1T (U), gw2 ← h·dLᵀ (U×10).
  (func (export "backward")
    (param $hT i32) (param $w2 i32) (param $lT i32) (param $dz1T i32) (param $gb1 i32) (param $gw2 i32)
    (param $units i32) (param $batch i32)
    (local $rowBytes i32) (local $u i32) (local $c i32) (local $r i32)
    (local $hRow i32) (local $dRow i32) (local $wRow i32) (local $gRow i32)
    (local $d v128) (local $h v128) (local $sum v128)
    (local.set $rowBytes (i32.shl (local.get $batch) (i32.const 2)))
    (loop $unit
      (local.set $hRow (i32.add (local.get $hT) (i32.mul (local.get $u) (local.get $rowBytes))))
      (local.set $dRow (i32.add (local.get $dz1T) (i32.mul (local.get $u) (local.get $rowBytes))))
      (local.set $wRow (i32.add (local.get $w2) (i32.mul (local.get $u) (i32.const 40))))
      (local.set $gRow (i32.add (local.get $gw2) (i32.mul (local.get $u) (i32.const 40))))
      (local.set $sum (v128.const f32x4 0 0 0 0))
      (local.set $r (i32.const 0))
      (loop $rows
        (local.set $d (v128.const f32x4 0 0 0 0))
        (local.set $c (i32.const 0))
        (loop $cls
          (local.set $d
            (f32x4.add (local.get $d)
              (f32x4.mul
                (v128.load32_splat (i32.add (local.get $wRow) (i32.shl (local.get $c) (i32.const 2))))
                (v128.load (i32.add (i32.add (local.get $lT) (i32.mul (local.get $c) (local.get $rowBytes))) (local.get $r))))))
          (br_if $cls (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 10))))
        (local.set $h (v128.load (i32.add (local.get $hRow) (local.get $r))))
        (local.set $d (v128.and (local.get $d) (f32x4.gt (local.get $h) (v128.const f32x4 0 0 0 0))))
        (v128.store (i32.add (local.get $dRow) (local.get $r)) (local.get $d))
        (local.set $sum (f32x4.add (local.get $sum) (local.get $d)))
        (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 16))) (local.get $rowBytes))))
      (f32.store (i32.add (local.get $gb1) (i32.shl (local.get $u) (i32.const 2))) (call $hsum (local.get $sum)))
      (local.set $c (i32.const 0))
      (loop $cls
        (local.set $sum (v128.const f32x4 0 0 0 0))
        (local.set $r (i32.const 0))
        (loop $rows
          (local.set $sum
            (f32x4.add (local.get $sum)
              (f32x4.mul
                (v128.load (i32.add (local.get $hRow) (local.get $r)))
                (v128.load (i32.add (i32.add (local.get $lT) (i32.mul (local.get $c) (local.get $rowBytes))) (local.get $r))))))
          (br_if $rows (i32.lt_u (local.tee $r (i32.add (local.get $r) (i32.const 16))) (local.get $rowBytes))))
        (f32.store (i32.add (local.get $gRow) (i32.shl (local.get $c) (i32.const 2))) (call $hsum (local.get $sum)))
        (br_if $cls (i32.lt_u (local.tee $c (i32.add (local.get $c) (i32.const 1))) (i32.const 10))))
      (br_if $unit (i32.lt_u (local.tee $u (i32.add (local.get $u) (i32.const 1))) (local.get $units))))))
