from mentorcli.cli import main

main()
