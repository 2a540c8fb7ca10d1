"""Tests of readme_table.py: `python3 -m unittest discover -s benches/compare -p 'test_*.py'`."""
import os
import subprocess
import sys
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
SCRIPT = os.path.join(HERE, "readme_table.py")

ROWS = (
    "redactum\tplanted-secrets\t0.9\t47\t1536/1536\tone run\n"
    "redactum\tplanted-pii\t1.1\t33\t7560/7560\tone run\n"
    "kingfisher\tplanted-secrets\t0.3\t174\t733/1536\tone run\n"
    "kingfisher\tplanted-pii\t0.5\t112\t0/7560\tone run\n"
    "redactum\tordinary\t60.0\t27\t\tbest of 3\n"
    "redactum\tdense\t12.0\t66\t\tbest of 3\n"
    "redactum\tadversarial\t50.0\t28\t\tbest of 3\n"
    "kingfisher\tordinary\t20.0\t179\t\tbest of 3\n"
    "kingfisher\tdense\t2.0\t228\t\tbest of 3\n"
    "kingfisher\tadversarial\t25.0\t189\t\tbest of 3\n"
    "secretlint\tall\t\t\t\tnot available: not installed\n"
)


class ReadmeTable(unittest.TestCase):
    def run_script(self, readme_text):
        with tempfile.TemporaryDirectory() as d:
            rows, readme = os.path.join(d, "rows.tsv"), os.path.join(d, "README.md")
            open(rows, "w").write(ROWS)
            open(readme, "w").write(readme_text)
            p = subprocess.run(
                [sys.executable, SCRIPT, rows, readme, "bash run.sh --readme", "today, 2 CPUs", "load average 1.0"],
                capture_output=True, text=True,
            )
            return p, open(readme).read()

    def test_the_block_is_replaced_and_the_rest_kept(self):
        before = "# T\n\nintro\n\n<!-- perf-table:begin -->\nold | table\n<!-- perf-table:end -->\n\nafter\n"
        p, text = self.run_script(before)
        self.assertEqual(p.returncode, 0, p.stderr)
        self.assertTrue(text.startswith("# T\n\nintro\n\n<!-- perf-table:begin -->\n| tool |"))
        self.assertTrue(text.endswith("<!-- perf-table:end -->\n\nafter\n"))
        self.assertNotIn("old | table", text)
        self.assertIn("| redactum | 60.0 | 12.0 | 50.0 | 27–66 | 1536 of 1536 | 7560 of 7560 |", text)
        self.assertIn("| Kingfisher | 20.0 | 2.0 | 25.0 | 179–228 | 733 of 1536 | 0 of 7560 |", text)
        self.assertIn("| secretlint | not available: not installed |", text)
        self.assertIn("Kingfisher: 3.00x on ordinary, 6.00x on dense, 2.00x on adversarial", text)
        self.assertIn("`bash run.sh --readme`", text)
        # Running again over its own output gives the same text.
        p2, again = self.run_script(text)
        self.assertEqual(p2.returncode, 0)
        self.assertEqual(again, text)

    def test_a_readme_without_markers_is_an_error(self):
        p, text = self.run_script("# no markers\n")
        self.assertNotEqual(p.returncode, 0)
        self.assertIn("perf-table:begin", p.stderr)
        self.assertEqual(text, "# no markers\n")


if __name__ == "__main__":
    unittest.main()
