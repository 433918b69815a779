"""Common English given names, as data: a capitalised word after one of these is taken for a
surname (``Amy Smith``), so that a name no person record holds is withheld too.

The list was written by hand for this project from the given names most often borne by adults
in England and Wales (the names that fill the Office for National Statistics' published lists
of baby names from the 1950s to the 2000s), men's and women's, with their usual short forms.
Nothing is fetched at run time. Names that are also ordinary words, places, ratings or
months a plan writes with a capital (Will, Mark, Grace, Hope, Dawn, May, Rose, Bill, Frank,
Victoria, Florence, Chester, Jordan, India, Amber, Jan, Glen) are left out: ``Grace Academy``
or ``Victoria Road`` must keep their names.

>>> "Natalie" in FIRST_NAMES, "Victoria" in FIRST_NAMES
(True, False)
"""

from __future__ import annotations

__all__ = ["FIRST_NAMES"]

_NAMES = """
    Aaron Abbie Abdul Abigail Adam Adrian Ahmed Aidan Aisha Alan Alastair Alex Alexander
    Alexandra Ali Alice Alison Alistair Allan Amanda Amelia Amy Andrea Andrew Andy
    Angela Anita Ann Anna Anne Annette Anthony Antony Barbara Barry Beatrice Ben Benjamin
    Bernard Beth Bethany Beverley Bob Brenda Brian Bridget Bruce Callum Cameron Carl Carla
    Carly Carmel Caroline Carolyn Catherine Cathy Charles Charlie Charlotte Cheryl Chloe
    Chris Christine Christopher Claire Clare Colin Connor Craig Daisy Dan Daniel Danielle
    Darren Dave David Dean Debbie Deborah Debra Denise Dennis Derek Diana Diane Dominic
    Donna Dorothy Duncan Dylan Eddie Edward Eileen Elaine Eleanor Elizabeth Ella Ellie Emily
    Emma Eric Erica Fatima Fiona Gail Gareth Gary Gavin Gemma Geoffrey George Georgina
    Gerald Gillian Glenn Gordon Graham Gregory Hannah Harriet Harry Hayley Hazel Heather
    Helen Helena Henry Hilary Howard Hugh Ian Imogen Irene Isabel Isabella Isobel Jack
    Jacqueline Jacqui James Jamie Jane Janet Janice Jason Jay Jayne Jean Jeff Jeffrey
    Jennifer Jenny Jeremy Jessica Jill Jim Jo Joan Joanna Joanne Jodie Joe John Jon Jonathan
    Joseph Josephine Josh Joshua Joyce Judith Judy Julia Julian Julie Justin Karen Kate
    Katharine Katherine Kathleen Kathryn Katie Kay Keith Kelly Kellie Kerry Kevin Kieran Kim
    Kirsty Laura Lauren Lawrence Leah Lee Lesley Leslie Lewis Linda Lindsay Lindsey Lisa
    Liz Lorna Lorraine Louise Lucy Luke Lynda Lynn Lynne Maggie Malcolm Mandy Margaret Maria
    Marie Marion Martin Mary Matt Matthew Maureen Megan Melanie Melissa Michael Michelle
    Mike Mohammed Mohammad Muhammad Naomi Natalie Natasha Neil Nicholas Nick Nicola Nicole
    Nigel Nikki Norman Oliver Olivia Owen Pamela Patricia Paul Paula Pauline Peter Philip
    Philippa Phillip Priya Rachael Rachel Raj Rebecca Richard Rob Robert Robin Robyn Roger
    Rosemary Ross Ruth Ryan Sally Samantha Samuel Sandra Sara Sarah Scott Sean Sharon Sheila
    Shirley Simon Sophie Stacey Stella Stephanie Stephen Steve Steven Stuart Susan Suzanne
    Tanya Teresa Theresa Thomas Tim Timothy Tina Toby Tom Tony Tracey Tracy Trevor Valerie
    Vanessa Vicky Vikki Vincent Wayne Wendy William Yvonne Zoe
"""

FIRST_NAMES = frozenset(_NAMES.split())
"""Given names, capitalised as written."""
