"""First and later Redactor construction (issue 18): python bench/construct.py, on a release build."""
import time, redactum
if hasattr(redactum._redactum, "_panic_for_tests"):
    print("note: a test build (test-hooks); measure a release build")
for label, kw in [("default", {}), ("style=mask,format=json", {"style": "mask", "format": "json"})]:
    t = time.perf_counter(); redactum.Redactor(**kw); first = time.perf_counter() - t
    t = time.perf_counter(); redactum.Redactor(**kw); second = time.perf_counter() - t
    t = time.perf_counter()
    for _ in range(1000): redactum.Redactor(**kw)
    avg = (time.perf_counter() - t) / 1000
    print(f"{label}: first {first*1e3:.2f} ms, second {second*1e6:.1f} us, mean of 1000 more {avg*1e6:.1f} us")
