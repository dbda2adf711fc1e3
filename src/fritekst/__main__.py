from fritekst.cli import main

main()
