from actiongraph.cli import main

main()
