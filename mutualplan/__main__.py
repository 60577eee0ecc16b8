from mutualplan.cli import run

run()
