from mutualplan.cli import main

main()
